import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { mentionedEmails } from '@/lib/notes/mentions';
import type { NoteSubjectKind } from '@/lib/schemas/notes';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { actorCan } from '@/server/auth/guard';
import { assertVersion, lostRace } from '@/server/concurrency';
import { db } from '@/server/db';
import { ForbiddenError, NotFoundError, ValidationError } from '@/server/errors';
import { toNoteDto, toPartnerNoteDto, NOTE_SELECT, type NoteDto } from './queries';
import { isPartner, partnerScope, visibleNoteWhere } from '@/server/access/scope';
import { findNoteSubject, SUBJECT_KIND, SUBJECT_TYPE, type NoteSubjectRef } from './subjects';

type Tx = Prisma.TransactionClient;

/**
 * The people a note's text mentions, or a field error naming an address nobody active has. A
 * partner user mentions people of their own organization only, and hears the same words for any
 * other address, known or not (no hint of who works at the company, issue 17).
 */
async function resolveMentions(tx: Tx, body: string, author: Actor): Promise<string[]> {
  const emails = mentionedEmails(body);
  if (!emails.length) return [];
  const scope = partnerScope(author);
  if (scope) {
    const own = await tx.user.findMany({ where: { email: { in: emails, mode: 'insensitive' }, organizationId: scope.organizationId, deactivatedAt: null }, select: { id: true, email: true } });
    const byEmail = new Map(own.map((p) => [p.email.toLowerCase(), p.id]));
    const others = emails.filter((e) => !byEmail.has(e));
    if (others.length) {
      const problems = others.map((e) => `You can mention people of your own organization; ${e} is not one of them. Remove the @ before it.`);
      throw new ValidationError(problems[0]!, { body: problems });
    }
    return emails.map((e) => byEmail.get(e)!);
  }
  const people = await tx.user.findMany({
    where: { email: { in: emails, mode: 'insensitive' } },
    select: { id: true, email: true, deactivatedAt: true, name: true },
  });
  const byEmail = new Map(people.map((p) => [p.email.toLowerCase(), p]));
  const unknown = emails.filter((e) => !byEmail.has(e));
  const gone = people.filter((p) => p.deactivatedAt);
  if (unknown.length || gone.length) {
    const problems = [
      ...unknown.map((e) => `Nobody in Accord has the address ${e}: check the spelling, or remove the @ before it.`),
      ...gone.map((p) => `${p.name} (${p.email}) no longer has access, so they cannot be mentioned.`),
    ];
    throw new ValidationError(problems[0] ?? 'Check the people you mention.', { body: problems });
  }
  return emails.map((e) => byEmail.get(e)!.id);
}

const subjectContext = (s: NoteSubjectRef) => ({ subjectType: s.kind, subjectId: s.id, subjectLabel: s.label });

/** Writes a note on a partnership, milestone, checkpoint or rollout, with its mentions, audited. */
export async function createNote(
  actor: Actor,
  input: { subjectType: NoteSubjectKind; subjectId: string; body: string; sharedWithPartners?: boolean },
): Promise<NoteDto> {
  if (!actor.userId) throw new ForbiddenError('Notes are written by people: sign in to write one.');
  const authorId = actor.userId;
  // A partner's note is for both companies; the company's own notes are internal unless shared.
  const sharedWithPartners = isPartner(actor) || input.sharedWithPartners === true;
  return db.$transaction(async (tx) => {
    const subject = await findNoteSubject(tx, input.subjectType, input.subjectId, actor);
    const mentioned = await resolveMentions(tx, input.body, actor);
    const note = await tx.note.create({
      data: {
        partnershipId: subject.partnershipId, subjectType: SUBJECT_TYPE[subject.kind], subjectId: subject.id, authorId, body: input.body, sharedWithPartners,
        mentions: { create: mentioned.map((userId) => ({ userId })) },
      },
      select: NOTE_SELECT,
    });
    await recordAudit(tx, actor, {
      entityType: 'Note', entityId: note.id, action: 'note.created', partnershipId: subject.partnershipId,
      after: { body: input.body, mentions: mentioned, ...(sharedWithPartners ? { sharedWithPartners } : {}) }, context: subjectContext(subject),
    });
    return isPartner(actor) ? toPartnerNoteDto(note, actor) : toNoteDto(note);
  });
}

/** The note, if `actor` may read it: partners, only shared notes on things shared with them. */
async function currentNote(tx: Tx, id: string, actor: Actor) {
  const note = await tx.note.findFirst({ where: { id, deletedAt: null, ...visibleNoteWhere(actor) }, select: NOTE_SELECT });
  const missing = () => new NotFoundError('No note with that id (it may have been deleted).');
  if (!note) throw missing();
  if (isPartner(actor)) await findNoteSubject(tx, SUBJECT_KIND[note.subjectType], note.subjectId, actor).catch(() => { throw missing(); });
  return note;
}

const asSeenBy = (actor: Actor, note: Parameters<typeof toNoteDto>[0]) => (isPartner(actor) ? toPartnerNoteDto(note, actor) : toNoteDto(note));

/** Its author edits a note: the text before the edit stays in the audit trail; the note says "edited". */
export async function editNote(actor: Actor, id: string, input: { body: string; version?: number }): Promise<NoteDto> {
  return db.$transaction(async (tx) => {
    const note = await currentNote(tx, id, actor);
    if (note.authorId !== actor.userId) throw new ForbiddenError('Only the author of a note can edit it.');
    const version = input.version ?? note.version;
    await assertVersion(tx, { type: 'Note', id, noun: 'note', version: note.version }, version, () => asSeenBy(actor, note));
    if (note.body === input.body) return asSeenBy(actor, note);
    const mentioned = await resolveMentions(tx, input.body, actor);
    const updated = await tx.note.updateMany({ where: { id, version }, data: { body: input.body, editedAt: new Date(), version: { increment: 1 } } });
    if (updated.count !== 1) throw lostRace('note');
    await tx.noteMention.deleteMany({ where: { noteId: id } });
    if (mentioned.length) await tx.noteMention.createMany({ data: mentioned.map((userId) => ({ noteId: id, userId })) });
    const subject = await findNoteSubject(tx, SUBJECT_KIND[note.subjectType], note.subjectId).catch(() => null);
    await recordAudit(tx, actor, {
      entityType: 'Note', entityId: id, action: 'note.edited', partnershipId: note.partnershipId,
      before: { body: note.body }, after: { body: input.body, mentions: mentioned },
      context: subject ? subjectContext(subject) : { subjectType: SUBJECT_KIND[note.subjectType], subjectId: note.subjectId },
    });
    return asSeenBy(actor, await currentNote(tx, id, actor));
  });
}

/** Its author, or an administrator, deletes a note: hidden everywhere, kept (and its text audited). */
export async function deleteNote(actor: Actor, id: string): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const note = await currentNote(tx, id, actor);
    const own = note.authorId === actor.userId;
    if (!own && !actorCan(actor, 'notes.moderate')) throw new ForbiddenError('Only the author of a note or an administrator can delete it.');
    const updated = await tx.note.updateMany({ where: { id, deletedAt: null }, data: { deletedAt: new Date(), deletedById: actor.userId, version: { increment: 1 } } });
    if (updated.count !== 1) throw lostRace('note');
    const subject = await findNoteSubject(tx, SUBJECT_KIND[note.subjectType], note.subjectId).catch(() => null);
    await recordAudit(tx, actor, {
      entityType: 'Note', entityId: id, action: 'note.deleted', partnershipId: note.partnershipId,
      before: { body: note.body }, context: { ...(subject ? subjectContext(subject) : {}), author: own ? undefined : note.author.name },
    });
    return { id };
  });
}
