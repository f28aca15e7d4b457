import 'server-only';
import type { NoteSubjectKind } from '@/lib/schemas/notes';
import { keptWhile } from '@/server/cache/versioned';
import { db } from '@/server/db';
import { SUBJECT_KIND, SUBJECT_TYPE } from './subjects';

export const NOTE_SELECT = {
  id: true, partnershipId: true, subjectType: true, subjectId: true, authorId: true, body: true, editedAt: true, createdAt: true, version: true,
  author: { select: { name: true } },
  mentions: { select: { user: { select: { email: true, name: true } } } },
} as const;

type NoteRow = {
  id: string; partnershipId: string; subjectType: keyof typeof SUBJECT_KIND; subjectId: string; authorId: string; body: string;
  editedAt: Date | null; createdAt: Date; version: number; author: { name: string }; mentions: { user: { email: string; name: string } }[];
};

/** A note as the pages and the API show it: plain values, mentions as { email, name }. */
export type NoteDto = {
  id: string;
  partnershipId: string;
  subject: { type: NoteSubjectKind; id: string };
  authorId: string;
  author: string;
  body: string;
  mentions: { email: string; name: string }[];
  createdAt: string;
  editedAt: string | null;
  version: number;
};

export function toNoteDto(n: NoteRow): NoteDto {
  return {
    id: n.id, partnershipId: n.partnershipId, subject: { type: SUBJECT_KIND[n.subjectType], id: n.subjectId },
    authorId: n.authorId, author: n.author.name, body: n.body,
    mentions: n.mentions.map((m) => ({ email: m.user.email.toLowerCase(), name: m.user.name })),
    createdAt: n.createdAt.toISOString(), editedAt: n.editedAt?.toISOString() ?? null, version: n.version,
  };
}

/** The notes on one thing, oldest first (a conversation reads downwards). */
export const findNotes: (kind: NoteSubjectKind, subjectId: string) => Promise<NoteDto[]> = keptWhile(
  'content',
  512,
  async (kind: NoteSubjectKind, subjectId: string) => {
    const rows = await db.note.findMany({
      where: { subjectType: SUBJECT_TYPE[kind], subjectId, deletedAt: null },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: NOTE_SELECT,
      take: 1000,
    });
    return rows.map(toNoteDto);
  },
  (kind, subjectId) => [kind, subjectId],
);

/** One note by id, or null when there is none (or it was deleted). */
export async function findNote(id: string): Promise<NoteDto | null> {
  const row = await db.note.findFirst({ where: { id, deletedAt: null }, select: NOTE_SELECT });
  return row ? toNoteDto(row) : null;
}

/** People who may be mentioned, for the composer's suggestions: active, matching name or address. */
export async function findMentionablePeople(query: string, limit = 8): Promise<{ email: string; name: string }[]> {
  const q = query.trim();
  const people = await db.user.findMany({
    where: {
      deactivatedAt: null,
      ...(q ? { OR: [{ name: { contains: q, mode: 'insensitive' } }, { email: { contains: q, mode: 'insensitive' } }] } : {}),
    },
    orderBy: [{ name: 'asc' }, { email: 'asc' }],
    select: { email: true, name: true },
    take: limit,
  });
  return people.map((p) => ({ email: p.email.toLowerCase(), name: p.name }));
}
