import 'server-only';
import { NextResponse } from 'next/server';
import type { NoteSubjectKind } from '@/lib/schemas/notes';
import { writeNoteSchema } from '@/lib/schemas/notes';
import { apiRoute, readJson } from '@/server/api/handler';
import { db } from '@/server/db';
import { createNote } from './mutations';
import { findNotesFor } from './queries';
import type { Actor } from '@/server/auth/actor';
import { findNoteSubject, partnershipIdOf } from './subjects';

/**
 * GET and POST …/notes under a partnership (by slug), a milestone, a checkpoint or a rollout (by
 * id): the same two handlers for each, so the four addresses cannot drift apart.
 */
export function noteRoutes(kind: NoteSubjectKind) {
  type P = { slug?: string; id?: string };
  const subjectId = async (params: P, actor: Actor) => {
    const key = (params.slug ?? params.id ?? '').slice(0, 200);
    return kind === 'partnership' ? partnershipIdOf(db, key, actor) : key;
  };
  // Partner users read and write the shared notes of what is shared with them (issue 17).
  return {
    GET: apiRoute<P>('partnerships.read', async ({ actor, params }) => {
      const subject = await findNoteSubject(db, kind, await subjectId(params, actor), actor);
      return { notes: await findNotesFor(actor, kind, subject.id) };
    }, { partners: 'scoped' }),
    POST: apiRoute<P>('notes.write', async ({ request, actor, params }) => {
      const { body, sharedWithPartners } = await readJson(request, writeNoteSchema, 100_000);
      const note = await createNote(actor, { subjectType: kind, subjectId: await subjectId(params, actor), body, sharedWithPartners });
      return NextResponse.json(note, { status: 201, headers: { Location: `/api/v1/notes/${note.id}`, 'Cache-Control': 'no-store' } });
    }, { partners: 'scoped' }),
  };
}
