import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as checkpointNotes from '@/app/api/v1/checkpoints/[id]/notes/route';
import * as milestoneNotes from '@/app/api/v1/milestones/[id]/notes/route';
import * as noteRoute from '@/app/api/v1/notes/[id]/route';
import * as partnershipNotes from '@/app/api/v1/partnerships/[slug]/notes/route';
import * as people from '@/app/api/v1/people/route';
import * as rolloutNotes from '@/app/api/v1/rollouts/[id]/notes/route';
import { INTERNAL_ROLES, type Role } from '@/lib/domain';
import { userActor, type Actor } from '@/server/auth/actor';
import { findChangesSince } from '@/server/dashboard/review';
import { createNoteCommand, deleteNoteCommand, editNoteCommand } from '@/server/notes/commands';
import { findMentionablePeople, findNotes } from '@/server/notes/queries';
import { mentionMatches } from '@/lib/notes/mentions';
import { createApiToken } from '@/server/tokens/mutations';
import { createMilestone, createPartnership, createUser } from '@/tests/factories/builders';
import { updateMilestoneCommand } from '@/server/milestones/commands';
import { movePartnershipStage } from '@/server/partnerships/stage';
import { ACTIVITY_PAGE_SIZE, findActivity } from '@/server/partnerships/activity';
import { APPLE_PAY_ALIPAY } from '@/tests/factories/demo';
import { actorsByRole } from '@/tests/support/actors';
import { openDemoDatabase, type TestDatabase } from '@/tests/support/test-database';

let t: TestDatabase;
let actors: Record<Role, Actor>;
let deal: { id: string; slug: string };
let subjects: { milestone: string; checkpoint: string; rollout: string };
const EXEC = 'executive@accord.local';

beforeAll(async () => {
  t = await openDemoDatabase('2026-11-23');
  actors = await actorsByRole(t.db);
  deal = await t.db.partnership.findUniqueOrThrow({ where: { slug: APPLE_PAY_ALIPAY }, select: { id: true, slug: true } });
  subjects = {
    milestone: (await t.db.milestone.findFirstOrThrow({ where: { partnershipId: deal.id, deletedAt: null } })).id,
    checkpoint: (await t.db.regulatoryCheckpoint.findFirstOrThrow({ where: { partnershipId: deal.id } })).id,
    rollout: (await t.db.rollout.findFirstOrThrow({ where: { partnershipId: deal.id } })).id,
  };
});
afterAll(() => t?.close());

/** The note a successful command made (fails the test otherwise). */
function made<T>(r: { status: string; data?: T; message?: string }): T {
  if (r.status !== 'success' || !r.data) throw new Error(`expected a saved note, got ${r.status}: ${r.message}`);
  return r.data;
}

const audits = (id: string) => t.db.auditEvent.findMany({ where: { entityType: 'Note', entityId: id }, orderBy: { id: 'asc' } });

describe('notes (issue 15)', () => {
  it('anyone who reads the deal writes notes on it and on each of its parts, each audited', async () => {
    for (const role of INTERNAL_ROLES) {
      for (const [kind, id] of [['partnership', deal.id], ['milestone', subjects.milestone], ['checkpoint', subjects.checkpoint], ['rollout', subjects.rollout]] as const) {
        const result = await createNoteCommand(actors[role], { subjectType: kind, subjectId: id, body: `${role} on the ${kind}` });
        expect(result, `${role} ${kind}`).toMatchObject({ status: 'success' });
        const [audit] = await audits(made(result).id);
        expect(audit).toMatchObject({ action: 'note.created', partnershipId: deal.id, actorId: actors[role].userId });
        expect((await findNotes(kind, id)).map((n) => n.body)).toContain(`${role} on the ${kind}`);
      }
    }
    // A partner user of an organization that is not party to the deal: as if it did not exist (issue 17).
    for (const [kind, id] of [['partnership', deal.id], ['milestone', subjects.milestone], ['checkpoint', subjects.checkpoint], ['rollout', subjects.rollout]] as const) {
      expect(await createNoteCommand(actors.PARTNER, { subjectType: kind, subjectId: id, body: 'outsider' }), kind).toMatchObject({ status: 'error', code: 404 });
    }
  });

  it('records who a note mentions, and refuses an address nobody has or a person who left, writing nothing', async () => {
    const ok = made(await createNoteCommand(actors.BUSINESS_DEVELOPMENT, { subjectType: 'checkpoint', subjectId: subjects.checkpoint, body: `Filed. @${EXEC.toUpperCase()} and @bd@accord.local, see the licence.` }));
    expect(ok.mentions.map((m) => m.email).sort()).toEqual(['bd@accord.local', EXEC]);
    expect(await t.db.noteMention.count({ where: { noteId: ok.id } })).toBe(2);

    const before = await t.db.note.count();
    const unknown = await createNoteCommand(actors.BUSINESS_DEVELOPMENT, { subjectType: 'partnership', subjectId: deal.id, body: 'Ask @nobody@nowhere.example' });
    expect(unknown).toMatchObject({ status: 'error', code: 422 });
    expect(unknown.status === 'error' && unknown.fieldErrors?.body?.[0]).toMatch(/Nobody in Accord has the address nobody@nowhere\.example/);
    const gone = await createUser(t.db, { role: 'ANALYST', email: 'gone@example.test', name: 'Gone Person' });
    await t.db.user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
    const left = await createNoteCommand(actors.BUSINESS_DEVELOPMENT, { subjectType: 'partnership', subjectId: deal.id, body: 'cc @gone@example.test' });
    expect(left.status === 'error' && left.message).toMatch(/Gone Person .* no longer has access/);
    expect(await t.db.note.count()).toBe(before);
  });

  it('refuses empty, control-character and over-long notes in words; keeps odd but valid text exactly', async () => {
    const refuse = async (body: string, pattern: RegExp) => {
      const r = await createNoteCommand(actors.EXECUTIVE, { subjectType: 'partnership', subjectId: deal.id, body });
      expect(r.status === 'error' && r.fieldErrors?.body?.join(' ')).toMatch(pattern);
    };
    await refuse('   ', /empty/);
    await refuse('bell \u0007', /control characters/);
    await refuse('x'.repeat(10_001), /at most 10,000 characters/);
    const odd = `\u202Eright-to-left\u200F mark and ${'y'.repeat(2_000)}\nsecond line`;
    const r = await createNoteCommand(actors.EXECUTIVE, { subjectType: 'partnership', subjectId: deal.id, body: odd });
    expect(made(r).body).toBe(odd);
  });

  it('a note on something that does not exist (or a deleted milestone) is a 404', async () => {
    const r = await createNoteCommand(actors.EXECUTIVE, { subjectType: 'milestone', subjectId: 'no-such-id', body: 'hello' });
    expect(r).toMatchObject({ status: 'error', code: 404 });
    const m = await t.db.milestone.findFirstOrThrow({ where: { partnershipId: deal.id, deletedAt: null }, skip: 1 });
    await t.db.milestone.update({ where: { id: m.id }, data: { deletedAt: new Date() } });
    expect(await createNoteCommand(actors.EXECUTIVE, { subjectType: 'milestone', subjectId: m.id, body: 'hello' })).toMatchObject({ status: 'error', code: 404 });
    await t.db.milestone.update({ where: { id: m.id }, data: { deletedAt: null } });
  });

  it('only its author edits a note: marked edited, the earlier text kept in the audit trail, a stale edit refused', async () => {
    const { id } = made(await createNoteCommand(actors.EXECUTIVE, { subjectType: 'partnership', subjectId: deal.id, body: 'First words' }));
    expect(await editNoteCommand(actors.ADMIN, { id, body: 'Admin words', version: '1' })).toMatchObject({ status: 'error', code: 403 });
    const edited = await editNoteCommand(actors.EXECUTIVE, { id, body: `Second words @bd@accord.local`, version: '1' });
    expect(edited).toMatchObject({ status: 'success', data: { body: 'Second words @bd@accord.local', version: 2 } });
    expect(made(edited).editedAt).toBeTruthy();
    expect(made(edited).mentions.map((m) => m.email)).toEqual(['bd@accord.local']);
    const stale = await editNoteCommand(actors.EXECUTIVE, { id, body: 'Third words', version: '1' });
    expect(stale).toMatchObject({ status: 'error', code: 409 });
    const trail = await audits(id);
    expect(trail.map((a) => a.action)).toEqual(['note.created', 'note.edited']);
    expect(trail[1]).toMatchObject({ before: { body: 'First words' }, after: { body: 'Second words @bd@accord.local' } });
  });

  it('its author or an administrator deletes a note (softly); others cannot; it leaves every list', async () => {
    const make = async () => {
      return made(await createNoteCommand(actors.BUSINESS_DEVELOPMENT, { subjectType: 'rollout', subjectId: subjects.rollout, body: `To delete ${Math.random()}` }));
    };
    const a = await make();
    for (const role of ['EXECUTIVE', 'ANALYST'] as const) expect(await deleteNoteCommand(actors[role], { id: a.id })).toMatchObject({ status: 'error', code: 403 });
    expect(await deleteNoteCommand(actors.BUSINESS_DEVELOPMENT, { id: a.id })).toMatchObject({ status: 'success' });
    expect(await deleteNoteCommand(actors.BUSINESS_DEVELOPMENT, { id: a.id })).toMatchObject({ status: 'error', code: 404 });
    const b = await make();
    expect(await deleteNoteCommand(actors.ADMIN, { id: b.id })).toMatchObject({ status: 'success' });
    const ids = (await findNotes('rollout', subjects.rollout)).map((n) => n.id);
    expect(ids).not.toContain(a.id);
    expect(ids).not.toContain(b.id);
    const row = await t.db.note.findUniqueOrThrow({ where: { id: b.id } });
    expect(row.deletedAt).not.toBeNull();
    expect(row.deletedById).toBe(actors.ADMIN.userId);
    expect((await audits(b.id)).at(-1)).toMatchObject({ action: 'note.deleted', before: { body: b.body } });
  });

  it('"since your last review" lists notes with their current words, and not a note deleted since', async () => {
    const since = new Date(Date.now() - 1000);
    const kept = made(await createNoteCommand(actors.EXECUTIVE, { subjectType: 'checkpoint', subjectId: subjects.checkpoint, body: 'Original review words' }));
    const gone = made(await createNoteCommand(actors.EXECUTIVE, { subjectType: 'partnership', subjectId: deal.id, body: 'Words that will be deleted' }));
    await editNoteCommand(actors.EXECUTIVE, { id: kept.id, body: 'Edited review words', version: '1' });
    await deleteNoteCommand(actors.EXECUTIVE, { id: gone.id });
    const review = await findChangesSince(deal.id, since, 'chosen', null);
    const texts = review.items.map((i) => i.text);
    expect(texts.filter((x) => x.includes('review words'))).toEqual([expect.stringMatching(/^Edited a note on .+: “Edited review words”$/)]);
    expect(texts.join('\n')).not.toContain('Words that will be deleted');
    expect(texts).toContain(`Deleted a note on ${(await t.db.partnership.findUniqueOrThrow({ where: { id: deal.id } })).name}`);
  });
});

describe('a partnership’s activity feed', () => {
  it('merges notes, stage moves and changes in time order; a note once, as it reads now; a deleted note only as a line', async () => {
    const p = await createPartnership(t.db, { ownerId: actors.BUSINESS_DEVELOPMENT.userId! });
    const m = await createMilestone(t.db, { partnershipId: p.id, title: 'Feed milestone' });
    const { slug, version } = await t.db.partnership.findUniqueOrThrow({ where: { id: p.id }, select: { slug: true, version: true } });
    const first = made(await createNoteCommand(actors.EXECUTIVE, { subjectType: 'partnership', subjectId: p.id, body: 'First note' }));
    await movePartnershipStage(actors.BUSINESS_DEVELOPMENT, slug, { version, to: 'NEGOTIATING', reason: 'Term sheet out' });
    const second = made(await createNoteCommand(actors.BUSINESS_DEVELOPMENT, { subjectType: 'milestone', subjectId: m.id, body: 'On the milestone' }));
    await updateMilestoneCommand(actors.BUSINESS_DEVELOPMENT, { id: m.id, version: '1', status: 'IN_PROGRESS' });
    await editNoteCommand(actors.EXECUTIVE, { id: first.id, body: 'First note, edited', version: '1' });
    const gone = made(await createNoteCommand(actors.EXECUTIVE, { subjectType: 'partnership', subjectId: p.id, body: 'Soon gone' }));
    await deleteNoteCommand(actors.EXECUTIVE, { id: gone.id });

    const { items, nextBefore } = await findActivity(p.id);
    expect(nextBefore).toBeNull();
    const lines = items.map((i) => (i.note ? `note: ${i.note.body}${i.note.editedAt ? ' (edited)' : ''} on ${i.noteOn}` : `${i.kind}: ${i.texts.map((x) => x.text).join('; ')}`));
    expect(lines).toEqual([
      `change: Deleted a note on ${p.name}`,
      'change: Feed milestone: status Not started → In progress',
      'note: On the milestone on Feed milestone',
      expect.stringMatching(/^stage: Stage Exploring → Negotiating.*\(Term sheet out\)$/),
      `note: First note, edited (edited) on ${p.name}`,
    ]);
    for (let i = 1; i < items.length; i++) expect(items[i - 1]!.at >= items[i]!.at).toBe(true);
    expect(items.map((i) => i.note?.id).filter(Boolean)).toEqual([second.id, first.id]);
  });

  it('pages on by event: every event once, none skipped', async () => {
    const p = await createPartnership(t.db, { ownerId: actors.BUSINESS_DEVELOPMENT.userId! });
    for (let i = 0; i < ACTIVITY_PAGE_SIZE + 7; i++) made(await createNoteCommand(actors.ANALYST, { subjectType: 'partnership', subjectId: p.id, body: `Note ${i}` }));
    const one = await findActivity(p.id);
    expect(one.items).toHaveLength(ACTIVITY_PAGE_SIZE);
    const two = await findActivity(p.id, BigInt(one.nextBefore!));
    const bodies = [...one.items, ...two.items].map((i) => i.note?.body);
    expect(new Set(bodies).size).toBe(ACTIVITY_PAGE_SIZE + 7);
    expect(bodies[0]).toBe(`Note ${ACTIVITY_PAGE_SIZE + 6}`);
    expect(two.nextBefore).toBeNull();
  });
});

describe('notes API', () => {
  type Handler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;
  const call = async (handler: unknown, method: string, token: string, params: Record<string, string>, body?: unknown) => {
    const request = new Request('http://accord.test/api', {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    const response = await (handler as Handler)(request, { params: Promise.resolve(params) });
    return { status: response.status, json: (await response.json()) as Record<string, unknown>, location: response.headers.get('location') };
  };
  let bd: string;
  let exec: string;
  let readOnly: string;
  beforeAll(async () => {
    const owner = (role: Role) => ({ ownerId: actors[role].userId!, name: 'notes', readOnly: false });
    bd = (await createApiToken(actors.BUSINESS_DEVELOPMENT, owner('BUSINESS_DEVELOPMENT'))).token;
    exec = (await createApiToken(actors.EXECUTIVE, owner('EXECUTIVE'))).token;
    readOnly = (await createApiToken(actors.EXECUTIVE, { ...owner('EXECUTIVE'), readOnly: true })).token;
  });

  it('POST and GET under a partnership, a milestone, a checkpoint and a rollout', async () => {
    const routes = [
      [partnershipNotes, { slug: deal.slug }], [milestoneNotes, { id: subjects.milestone }], [checkpointNotes, { id: subjects.checkpoint }], [rolloutNotes, { id: subjects.rollout }],
    ] as const;
    for (const [route, params] of routes) {
      const posted = await call(route.POST, 'POST', exec, params, { body: `Via the API, **bold** @${EXEC}` });
      expect(posted.status).toBe(201);
      expect(posted.location).toBe(`/api/v1/notes/${posted.json.id}`);
      expect(posted.json).toMatchObject({ body: `Via the API, **bold** @${EXEC}`, authorId: actors.EXECUTIVE.userId, editedAt: null, version: 1, mentions: [{ email: EXEC, name: 'Erin Executive' }] });
      const listed = await call(route.GET, 'GET', bd, params);
      expect(listed.status).toBe(200);
      expect((listed.json.notes as { id: string }[]).map((n) => n.id)).toContain(posted.json.id);
    }
    expect((await call(partnershipNotes.GET, 'GET', bd, { slug: 'no-such-deal' })).status).toBe(404);
    expect((await call(partnershipNotes.POST, 'POST', exec, { slug: deal.slug }, { body: '' })).status).toBe(422);
    expect((await call(partnershipNotes.POST, 'POST', readOnly, { slug: deal.slug }, { body: 'hi' })).status).toBe(403);
  });

  it('PATCH and DELETE /api/v1/notes/{id}, GET answers 404 once deleted', async () => {
    const posted = await call(partnershipNotes.POST, 'POST', exec, { slug: deal.slug }, { body: 'Patch me' });
    const id = String(posted.json.id);
    expect((await call(noteRoute.PATCH, 'PATCH', bd, { id }, { body: 'Not yours' })).status).toBe(403);
    const patched = await call(noteRoute.PATCH, 'PATCH', exec, { id }, { body: 'Patched', version: 1 });
    expect(patched).toMatchObject({ status: 200, json: { body: 'Patched', version: 2 } });
    expect((await call(noteRoute.PATCH, 'PATCH', exec, { id }, { body: 'Stale', version: 1 })).status).toBe(409);
    expect((await call(noteRoute.GET, 'GET', bd, { id })).json).toMatchObject({ body: 'Patched' });
    expect((await call(noteRoute.DELETE, 'DELETE', bd, { id })).status).toBe(403);
    expect(await call(noteRoute.DELETE, 'DELETE', exec, { id })).toMatchObject({ status: 200, json: { id, deleted: true } });
    expect((await call(noteRoute.GET, 'GET', bd, { id })).status).toBe(404);
  });

  it('suggests people to mention by name or address, active ones only', async () => {
    const found = await call(people.GET, 'GET', exec, {});
    expect(found.status).toBe(200);
    const request = (q: string) => (people.GET as Handler)(new Request(`http://accord.test/api?q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${exec}` } }), { params: Promise.resolve({}) });
    const byName = (await (await request('erin')).json()) as { people: { email: string }[] };
    expect(byName.people.map((p) => p.email)).toContain(EXEC);
    const inactive = (await (await request('gone')).json()) as { people: { email: string }[] };
    expect(inactive.people.map((p) => p.email)).not.toContain('gone@example.test');
    // A control character in the query: the 400 proxy.ts gave over HTTP, now from apiRoute itself.
    expect((await request('\u0000')).status).toBe(400);
  });

  it('narrows suggestions in the composer by the server’s own rule (mentionMatches = findMentionablePeople)', async () => {
    // Names and addresses with mixed case and letters shared across people; the server's limit set
    // above every match so its answer is the whole set the rule picks.
    await createUser(t.db, { name: 'Sérgio ERIKSEN', email: 'S.Eriksen@Partner.example', role: 'ANALYST' });
    await createUser(t.db, { name: 'Meri Tan', email: 'mt@accord.local', role: 'EXECUTIVE' });
    const everyone = await findMentionablePeople('', 1_000);
    expect(everyone.length).toBeGreaterThan(5);
    for (const q of ['', 'e', 'eri', 'ERI', 'eriksen', 'partner.EX', '@accord', 'mt@', ' tan ', 'zzz']) {
      const server = (await findMentionablePeople(q, 1_000)).map((p) => p.email).sort();
      const composer = everyone.filter((p) => mentionMatches(p, q)).map((p) => p.email).sort();
      expect(composer, `q=${JSON.stringify(q)}`).toEqual(server);
    }
  });

  it('userActor-made notes carry the author id, so "only the author" holds for API and forms alike', async () => {
    const someone = await createUser(t.db, { role: 'EXECUTIVE' });
    expect(made(await createNoteCommand(userActor(someone), { subjectType: 'partnership', subjectId: deal.id, body: 'mine' })).authorId).toBe(someone.id);
  });
});
