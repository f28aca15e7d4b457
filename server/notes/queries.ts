import 'server-only';
import type { NoteSubjectKind } from '@/lib/schemas/notes';
import { keptWhile } from '@/server/cache/versioned';
import { db } from '@/server/db';
import { findNoteSubject, SUBJECT_KIND, SUBJECT_TYPE } from './subjects';
import { isPartner, visibleNoteWhere } from '@/server/access/scope';
import type { Actor } from '@/server/auth/actor';

export const NOTE_SELECT = {
  id: true, partnershipId: true, subjectType: true, subjectId: true, authorId: true, body: true, editedAt: true, createdAt: true, version: true,
  sharedWithPartners: true,
  author: { select: { name: true, organizationId: true } },
  mentions: { select: { user: { select: { email: true, name: true, organizationId: true } } } },
} as const;

type NoteRow = {
  id: string; partnershipId: string; subjectType: keyof typeof SUBJECT_KIND; subjectId: string; authorId: string; body: string;
  editedAt: Date | null; createdAt: Date; version: number; sharedWithPartners: boolean;
  author: { name: string; organizationId: string | null }; mentions: { user: { email: string; name: string; organizationId: string | null } }[];
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
  /** Shown to the deal's partner users (issue 17). */
  sharedWithPartners: boolean;
};

export function toNoteDto(n: NoteRow): NoteDto {
  return {
    id: n.id, partnershipId: n.partnershipId, subject: { type: SUBJECT_KIND[n.subjectType], id: n.subjectId },
    authorId: n.authorId, author: n.author.name, body: n.body,
    mentions: n.mentions.map((m) => ({ email: m.user.email.toLowerCase(), name: m.user.name })),
    createdAt: n.createdAt.toISOString(), editedAt: n.editedAt?.toISOString() ?? null, version: n.version,
    sharedWithPartners: n.sharedWithPartners,
  };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A shared note as a partner user reads it (issue 17): people of other organizations by name only.
 * Their addresses leave the text ("@dana@apple.example" reads "@Dana Lee") and the mention list,
 * and only the partner's own notes carry their author's id (for Edit and Delete).
 */
export function toPartnerNoteDto(n: NoteRow, reader: Actor): NoteDto {
  const own = (organizationId: string | null) => !!organizationId && organizationId === reader.organizationId;
  let body = n.body;
  for (const m of n.mentions) {
    if (!own(m.user.organizationId)) body = body.replace(new RegExp(`@${escapeRegExp(m.user.email)}`, 'gi'), `@${m.user.name}`);
  }
  return {
    ...toNoteDto({ ...n, body, mentions: n.mentions.filter((m) => own(m.user.organizationId)) }),
    authorId: n.authorId === reader.userId ? n.authorId : '',
  };
}

/** The notes on one thing, oldest first (a conversation reads downwards), as stored. */
const findNoteRows: (kind: NoteSubjectKind, subjectId: string) => Promise<NoteRow[]> = keptWhile(
  'content',
  512,
  async (kind: NoteSubjectKind, subjectId: string) =>
    db.note.findMany({
      where: { subjectType: SUBJECT_TYPE[kind], subjectId, deletedAt: null },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: NOTE_SELECT,
      take: 1000,
    }),
  (kind, subjectId) => [kind, subjectId],
);

/** The notes on one thing, for the company's own people. */
export async function findNotes(kind: NoteSubjectKind, subjectId: string): Promise<NoteDto[]> {
  return (await findNoteRows(kind, subjectId)).map(toNoteDto);
}

/** The notes on one thing that `reader` may read: all of them, or the shared ones for a partner. */
export async function findNotesFor(reader: Actor, kind: NoteSubjectKind, subjectId: string): Promise<NoteDto[]> {
  const rows = await findNoteRows(kind, subjectId);
  return isPartner(reader) ? rows.filter((n) => n.sharedWithPartners).map((n) => toPartnerNoteDto(n, reader)) : rows.map(toNoteDto);
}

/** One note by id as `reader` may read it, or null when there is none (deleted, or outside their scope). */
export async function findNote(id: string, reader?: Actor): Promise<NoteDto | null> {
  const row = await db.note.findFirst({ where: { id, deletedAt: null, ...(reader ? visibleNoteWhere(reader) : {}) }, select: NOTE_SELECT });
  if (!row) return null;
  if (!reader || !isPartner(reader)) return toNoteDto(row);
  // The thing it is on must be theirs too (a shared note under an internal checkpoint is not).
  const subject = await findNoteSubject(db, SUBJECT_KIND[row.subjectType], row.subjectId, reader).catch(() => null);
  return subject ? toPartnerNoteDto(row, reader) : null;
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
