import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userActor, type Actor } from '@/server/auth/actor';
import { createApiToken } from '@/server/tokens/mutations';
import { createNote } from '@/server/notes/mutations';
import { createNoteCommand } from '@/server/notes/commands';
import { findNotesFor } from '@/server/notes/queries';
import { auditReaderScope, findAuditEvents } from '@/server/audit/queries';
import { readAuditFilter } from '@/lib/schemas/audit';
import { createCheckpoint, createMilestone, createOrganization, createPartnership, createRollout, createUser, ensureMetrics, ensureRegion } from '@/tests/factories/builders';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { isNoOperation } from '@/server/api/not-allowed';

/**
 * The partner access matrix (issue 17): every route handler on disk, called as a partner user of
 * one organization, with ids inside and outside their scope. A new route is covered the day it is
 * written (import.meta.glob), and is closed to partners unless it scopes itself (server/auth/guard.ts).
 *
 * - Outside the scope: never a success, and a route that serves partners answers 404 (no existence leak).
 * - No answer, in or out of scope, contains a name, slug, id or text from outside the scope.
 * - The lists a partner reads equal an independent SQL definition of the scope.
 */
const ROUTE_MODULES = import.meta.glob<Record<string, unknown>>('../../app/**/route.ts', { eager: true });
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Handler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;

let t: TestDatabase;
let partnerA: Actor;
let tokenA: string;
const inside: Record<string, string[]> = {};
const outside: Record<string, string[]> = {};
const secrets: string[] = [];
let w: {
  p1: { id: string; slug: string }; p2: { id: string; slug: string }; p3: { id: string; slug: string };
  mineMilestone: string; sharedMilestone: string; internalMilestone: string;
};

beforeAll(async () => {
  t = await openTestDatabase();
  const db = t.db;
  await ensureMetrics(db);
  const hk = await ensureRegion(db, { code: 'HK', name: 'Hong Kong', timeZone: 'Asia/Hong_Kong' });
  const us = await ensureRegion(db, { code: 'US', name: 'United States', timeZone: 'America/New_York' });
  const internalCo = await createOrganization(db, { name: 'Apple Inc.' });
  const orgA = await createOrganization(db, { name: 'Alibaba Group' });
  const orgB = await createOrganization(db, { name: 'SECRET Bank of Elsewhere' });
  const owner = await createUser(db, { role: 'BUSINESS_DEVELOPMENT', name: 'Dana Internal', email: 'dana.secret@apple.example' });
  const userA = await db.user.create({ data: { email: 'ana@alibaba.example', name: 'Ana Partner', role: 'PARTNER', organizationId: orgA.id, emailVerified: true } });
  const userB = await db.user.create({ data: { email: 'secret.bo@elsewhere.example', name: 'SECRET Bo Partner', role: 'PARTNER', organizationId: orgB.id, emailVerified: true } });
  partnerA = userActor({ ...userA, role: 'PARTNER' });
  tokenA = (await createApiToken(partnerA, { ownerId: userA.id, name: 'matrix', readOnly: false })).token;

  const p1 = await createPartnership(db, { ownerId: owner.id, slug: 'apple-pay-alipay', name: 'Apple Pay × Alipay', parties: [{ organizationId: internalCo.id, role: 'Wallet' }, { organizationId: orgA.id, role: 'Payments' }] });
  const p2 = await createPartnership(db, { ownerId: owner.id, slug: 'secret-deal-b', name: 'SECRET Deal with B', summary: 'SECRET summary B', parties: [{ organizationId: internalCo.id, role: 'Wallet' }, { organizationId: orgB.id, role: 'Bank' }] });
  const p3 = await createPartnership(db, { ownerId: owner.id, slug: 'secret-internal-deal', name: 'SECRET Internal deal', parties: [{ organizationId: internalCo.id, role: 'Wallet' }] });
  const mine = await createMilestone(db, { partnershipId: p1.id, title: 'Alipay wallet integration', ownerId: userA.id, sharedWithPartners: true });
  const shared = await createMilestone(db, { partnershipId: p1.id, title: 'Shared launch plan', ownerId: owner.id, sharedWithPartners: true });
  const internal = await createMilestone(db, { partnershipId: p1.id, title: 'SECRET internal pricing review', ownerId: owner.id });
  const deleted = await createMilestone(db, { partnershipId: p1.id, title: 'SECRET deleted milestone', ownerId: userA.id, sharedWithPartners: true });
  await db.milestone.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
  const bMilestone = await createMilestone(db, { partnershipId: p2.id, title: 'SECRET B milestone', ownerId: userB.id, sharedWithPartners: true });
  const p3Milestone = await createMilestone(db, { partnershipId: p3.id, title: 'SECRET P3 milestone', ownerId: owner.id, sharedWithPartners: true });
  const sharedCheckpoint = await createCheckpoint(db, { partnershipId: p1.id, regulator: 'PBOC', jurisdiction: 'CN', requirement: 'Payment licence', sharedWithPartners: true });
  const internalCheckpoint = await createCheckpoint(db, { partnershipId: p1.id, regulator: 'SECRET Regulator', jurisdiction: 'HK', requirement: 'SECRET requirement', notes: 'SECRET checkpoint notes' });
  const bCheckpoint = await createCheckpoint(db, { partnershipId: p2.id, regulator: 'SECRET B regulator', jurisdiction: 'US', requirement: 'SECRET B requirement', sharedWithPartners: true });
  const r1 = await createRollout(db, { partnershipId: p1.id, regionId: hk.id, notes: 'SECRET rollout notes' });
  const r2 = await createRollout(db, { partnershipId: p2.id, regionId: us.id });
  const ownerActor = userActor({ ...owner, role: 'BUSINESS_DEVELOPMENT' });
  const internalNote = await createNote(ownerActor, { subjectType: 'partnership', subjectId: p1.id, body: 'SECRET internal note about margins' });
  const bNote = await createNote(ownerActor, { subjectType: 'partnership', subjectId: p2.id, body: 'SECRET note on B', sharedWithPartners: true });
  const sharedNote = await createNote(ownerActor, { subjectType: 'partnership', subjectId: p1.id, body: 'Shared: launch plan agreed with @dana.secret@apple.example and @ana@alibaba.example', sharedWithPartners: true });
  const sharedOnInternal = await createNote(ownerActor, { subjectType: 'milestone', subjectId: internal.id, body: 'SECRET shared note on an internal milestone', sharedWithPartners: true });
  w = { p1, p2, p3, mineMilestone: mine.id, sharedMilestone: shared.id, internalMilestone: internal.id };
  // An event of the partner's own, and the company's (the audit trail: their own actions only).
  await createNote(partnerA, { subjectType: 'partnership', subjectId: p1.id, body: 'Hello from Alipay' });
  const ownEvent = await db.auditEvent.findFirstOrThrow({ where: { actorId: userA.id, action: 'note.created' } });
  const companyEvent = await db.auditEvent.findFirstOrThrow({ where: { entityId: internalNote.id } });

  Object.assign(inside, { slug: [p1.slug], milestones: [mine.id, shared.id], checkpoints: [sharedCheckpoint.id], rollouts: [r1.id], code: ['HK'], notes: [sharedNote.id], audit: [ownEvent.id.toString()] });
  Object.assign(outside, {
    slug: [p2.slug, p3.slug],
    milestones: [internal.id, deleted.id, bMilestone.id, p3Milestone.id],
    checkpoints: [internalCheckpoint.id, bCheckpoint.id],
    rollouts: [r2.id],
    notes: [internalNote.id, bNote.id, sharedOnInternal.id],
    audit: [companyEvent.id.toString()],
    organizations: [orgB.id, internalCo.id],
    code: ['US'],
  });
  secrets.push(
    p2.id, p2.slug, p2.name, 'SECRET summary B', p3.id, p3.slug, p3.name,
    internal.id, internal.title, deleted.id, deleted.title, bMilestone.id, bMilestone.title, p3Milestone.id, p3Milestone.title,
    internalCheckpoint.id, 'SECRET Regulator', 'SECRET requirement', 'SECRET checkpoint notes', bCheckpoint.id, 'SECRET B regulator',
    r2.id, 'SECRET rollout notes', internalNote.id, 'SECRET internal note', bNote.id, 'SECRET note on B', sharedOnInternal.id, 'SECRET shared note',
    orgB.id, orgB.name, userB.id, userB.name, userB.email, owner.email, owner.id,
    'payment_volume', 'Payment volume',
  );
}, 120_000);
afterAll(() => t?.close());

function routesOnDisk() {
  return Object.entries(ROUTE_MODULES).map(([file, mod]) => {
    const path = file.replace('../../app', '').replace(/\/route\.ts$/, '').replace(/\/\([^)]+\)/g, '');
    const segments = path.split('/').filter(Boolean);
    const dynamic = segments.flatMap((s, i) => (s.startsWith('[') ? [{ name: s.slice(1, -1), kind: s === '[slug]' || s === '[code]' ? s.slice(1, -1) : (segments[i - 1] ?? '') }] : []));
    const handlers = METHODS.flatMap((m) => (typeof mod[m] === 'function' && !isNoOperation(mod[m]) ? [[m, mod[m] as Handler] as const] : []));
    return { path, dynamic, handlers };
  });
}

/** Parameter sets for a route: one with every id inside the scope (when there are such ids), and one per id outside. */
function parameterSets(dynamic: { name: string; kind: string }[]) {
  const pick = (source: Record<string, string[]>, kind: string) => source[kind] ?? [];
  const base = Object.fromEntries(dynamic.map((d) => [d.name, pick(inside, d.kind)[0] ?? 'c000000000000000000000000']));
  const within = dynamic.every((d) => pick(inside, d.kind).length) ? base : null;
  const without = dynamic.flatMap((d) => {
    const ids = pick(outside, d.kind).length ? pick(outside, d.kind) : ['cunknown0000000000000000000'];
    return ids.map((id) => ({ ...base, [d.name]: id }));
  });
  return { within, without };
}

/** Every row outside the partner's scope, with its version: none may change through their calls. */
async function outsideState() {
  const ids = Object.values(outside).flat();
  const rows = await Promise.all([
    t.db.milestone.findMany({ where: { id: { in: ids } }, select: { id: true, version: true, deletedAt: true } }),
    t.db.regulatoryCheckpoint.findMany({ where: { id: { in: ids } }, select: { id: true, version: true } }),
    t.db.rollout.findMany({ where: { id: { in: ids } }, select: { id: true, version: true } }),
    t.db.note.findMany({ where: { id: { in: ids } }, select: { id: true, version: true, deletedAt: true } }),
    t.db.partnership.findMany({ where: { slug: { in: ids } }, select: { id: true, version: true } }),
    // Changes made by the partner to anything outside (their own token use is theirs to record).
    t.db.auditEvent.count({ where: { actorId: partnerA.userId, OR: [{ entityId: { in: ids } }, { partnershipId: { in: [w.p2.id, w.p3.id] } }] } }),
  ]);
  return JSON.parse(JSON.stringify(rows)) as unknown;
}

async function call(handler: Handler, method: string, path: string, params: Record<string, string>) {
  let url = `http://accord.test${path}`;
  for (const [k, v] of Object.entries(params)) url = url.replace(`[${k}]`, encodeURIComponent(v));
  const body = method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify(method === 'PATCH' ? { version: 1, status: 'IN_PROGRESS' } : {});
  const response = await handler(
    new Request(url, { method, body, headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json', origin: 'http://accord.test' } }),
    { params: Promise.resolve(params) },
  );
  return { status: response.status, text: await response.text() };
}

/** Secrets in an answer; the values the caller sent (echoed as "No partnership …") are theirs already. */
function leaks(text: string, sent: Record<string, string> = {}): string[] {
  const own = new Set(Object.values(sent));
  return secrets.filter((s) => !own.has(s) && text.includes(s));
}

/** The answer with the parameters' values blanked: an id outside the scope must read like one that never existed. */
const blank = (text: string, sent: Record<string, string>) => Object.values(sent).reduce((out, v) => out.replaceAll(v, '…').replaceAll(encodeURIComponent(v), '…'), text);

describe('partner access matrix: every route on disk, as a partner of one organization', () => {
  it('finds the routes on disk', () => {
    expect(routesOnDisk().length).toBeGreaterThan(40);
  });

  it('outside their scope: never a success, 404 where the route serves partners, no trace of what is outside, and nothing written', async () => {
    const problems: string[] = [];
    const before = await outsideState();
    for (const route of routesOnDisk()) {
      if (!route.dynamic.length) continue;
      const { within, without } = parameterSets(route.dynamic);
      for (const [method, handler] of route.handlers) {
        // Reads first: does this route serve partners at all?
        const served = within && method === 'GET' ? (await call(handler, method, route.path, within)).status < 300 : false;
        const nowhere = served ? { ...within!, ...Object.fromEntries(route.dynamic.map((d) => [d.name, 'never-existed-0000'])) } : null;
        const unknown = nowhere ? await call(handler, method, route.path, nowhere) : null;
        for (const params of without) {
          const { status, text } = await call(handler, method, route.path, params);
          const where = `${method} ${route.path} ${JSON.stringify(params)}`;
          if (status < 400) problems.push(`${where}: ${status}`);
          if (served && status !== 404) problems.push(`${where}: ${status}, expected 404 (the route serves partners)`);
          if (unknown && nowhere && (status !== unknown.status || blank(text, params) !== blank(unknown.text, nowhere))) {
            problems.push(`${where}: answers ${status} ${text.slice(0, 120)}, unlike an id that never existed (${unknown.status} ${unknown.text.slice(0, 120)})`);
          }
          if (status >= 500) problems.push(`${where}: ${status} ${text.slice(0, 200)}`);
          const leaked = leaks(text, params);
          if (leaked.length) problems.push(`${where}: answer contains ${leaked.join(', ')}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(await outsideState(), 'rows outside the scope changed').toEqual(before);
  }, 300_000);

  it('inside their scope: reads carry nothing from outside it, and nothing 500s', async () => {
    const problems: string[] = [];
    const served: string[] = [];
    for (const route of routesOnDisk()) {
      const { within } = parameterSets(route.dynamic);
      if (!within) continue;
      for (const [method, handler] of route.handlers.filter(([m]) => m === 'GET')) {
        const { status, text } = await call(handler, method, route.path, within);
        if (status < 300) served.push(route.path);
        if (status >= 500) problems.push(`${method} ${route.path}: ${status} ${text.slice(0, 200)}`);
        const leaked = leaks(text, within);
        if (leaked.length) problems.push(`${method} ${route.path}: answer contains ${leaked.join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
    // What partners are given today (issue 17): a route added to this list is one more to scope.
    expect(served).toEqual(expect.arrayContaining(['/audit/[id]/raw', '/api/v1/notes/[id]', '/api/v1/partnerships/[slug]/notes', '/api/v1/me', '/api/v1/partnerships', '/api/v1/partnerships/[slug]', '/api/v1/partnerships/[slug]/milestones', '/api/v1/partnerships/[slug]/checkpoints', '/api/v1/partnerships/[slug]/rollouts']));
  }, 300_000);

  it('the lists equal an independent SQL definition of the scope', async () => {
    const get = async (path: string) => {
      const route = routesOnDisk().find((r) => r.path === path.replace(w.p1.slug, '[slug]'))!;
      const handler = route.handlers.find(([m]) => m === 'GET')![1];
      const answer = await call(handler, 'GET', route.path, route.dynamic.length ? { slug: w.p1.slug } : {});
      expect(answer.status).toBe(200);
      return JSON.parse(answer.text) as Record<string, { id?: string; slug?: string }[]>;
    };
    const org = partnerA.organizationId!;
    const sql = async (query: string) => (await t.db.$queryRawUnsafe<{ v: string }[]>(query)).map((r) => r.v).sort();
    const deals = await sql(`SELECT p.slug AS v FROM partnerships p WHERE EXISTS (SELECT 1 FROM partnership_parties x WHERE x."partnershipId" = p.id AND x."organizationId" = '${org}')`);
    expect((await get('/api/v1/partnerships')).partnerships!.map((p) => p.slug).sort()).toEqual(deals);
    const visible = (table: string) => sql(`SELECT t.id AS v FROM ${table} t JOIN partnerships p ON p.id = t."partnershipId" WHERE p.slug = '${w.p1.slug}' AND t."sharedWithPartners"${table === 'milestones' ? ' AND t."deletedAt" IS NULL' : ''}`);
    expect((await get(`/api/v1/partnerships/${w.p1.slug}/milestones`)).milestones!.map((m) => m.id).sort()).toEqual(await visible('milestones'));
    expect((await get(`/api/v1/partnerships/${w.p1.slug}/checkpoints`)).checkpoints!.map((m) => m.id).sort()).toEqual(await visible('regulatory_checkpoints'));
    expect((await get(`/api/v1/partnerships/${w.p1.slug}/rollouts`)).rollouts!.map((m) => m.id).sort()).toEqual(await sql(`SELECT r.id AS v FROM rollouts r JOIN partnerships p ON p.id = r."partnershipId" WHERE p.slug = '${w.p1.slug}'`));
  });

  it('a partner updates the milestones their organization owns, and only their progress', async () => {
    const route = routesOnDisk().find((r) => r.path === '/api/v1/milestones/[id]')!;
    const patch = route.handlers.find(([m]) => m === 'PATCH')![1];
    const send = async (id: string, body: unknown) => {
      const response = await patch(
        new Request(`http://accord.test/api/v1/milestones/${id}`, { method: 'PATCH', body: JSON.stringify(body), headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json' } }),
        { params: Promise.resolve({ id }) },
      );
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const mine = await send(w.mineMilestone, { version: 1, status: 'BLOCKED', blockedReason: 'Waiting for the SDK' });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id: w.mineMilestone, status: 'BLOCKED', blockedReason: 'Waiting for the SDK', editable: true });
    expect(Object.keys(mine.body)).not.toContain('ownerId');
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: w.mineMilestone, action: 'milestone.updated' } });
    expect(audit.actorId).toBe(partnerA.userId);
    // Not theirs: shared, owned by someone of the other company.
    expect((await send(w.sharedMilestone, { version: 1, status: 'DONE' })).status).toBe(403);
    // Not shared: as if it did not exist.
    expect((await send(w.internalMilestone, { version: 1, status: 'DONE' })).status).toBe(404);
    // Theirs, but not a progress field.
    const rename = await send(w.mineMilestone, { version: 2, title: 'Renamed by partner' });
    expect(rename.status).toBe(422);
    expect(JSON.stringify(rename.body)).toMatch(/status, the due date and the reason/);
    // A stale version: 409 with the milestone as a partner reads it.
    const stale = await send(w.mineMilestone, { version: 1, status: 'DONE' });
    expect(stale.status).toBe(409);
    expect(leaks(JSON.stringify(stale.body))).toEqual([]);
    expect(await t.db.milestone.findUniqueOrThrow({ where: { id: w.sharedMilestone }, select: { status: true } })).toEqual({ status: 'NOT_STARTED' });
  });

  it('a partner reads and writes the shared notes of their deals; people of the company by name only', async () => {
    const notesRoute = routesOnDisk().find((r) => r.path === '/api/v1/partnerships/[slug]/notes')!;
    const [, get] = notesRoute.handlers.find(([m]) => m === 'GET')!;
    const [, post] = notesRoute.handlers.find(([m]) => m === 'POST')!;
    const listed = JSON.parse((await call(get, 'GET', notesRoute.path, { slug: w.p1.slug })).text) as { notes: { body: string; mentions: { email: string }[] }[] };
    expect(listed.notes.map((n) => n.body)).toEqual(['Shared: launch plan agreed with @Dana Internal and @ana@alibaba.example', 'Hello from Alipay']);
    expect(listed.notes[0]!.mentions.map((m) => m.email)).toEqual(['ana@alibaba.example']);
    const write = async (body: string) => {
      const response = await post(
        new Request(`http://accord.test/api/v1/partnerships/${w.p1.slug}/notes`, { method: 'POST', body: JSON.stringify({ body }), headers: { authorization: `Bearer ${tokenA}`, 'content-type': 'application/json' } }),
        { params: Promise.resolve({ slug: w.p1.slug }) },
      );
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const written = await write('The SDK ships on Friday.');
    expect(written.status).toBe(201);
    expect(written.body).toMatchObject({ sharedWithPartners: true, author: 'Ana Partner' });
    // Mentioning someone of the company is refused in the same words as an address nobody has.
    const known = await write('Ask @dana.secret@apple.example');
    const unknown = await write('Ask @nobody@apple.example');
    expect(known.status).toBe(422);
    expect(JSON.stringify(known.body).replaceAll('dana.secret@apple.example', '…')).toBe(JSON.stringify(unknown.body).replaceAll('nobody@apple.example', '…'));
  });

  it("the audit trail shows a partner their own actions only", async () => {
    const { filter } = readAuditFilter({});
    const theirs = await findAuditEvents(filter, auditReaderScope(partnerA));
    const everyone = await findAuditEvents(filter, auditReaderScope(userActor({ id: 'x', email: 'x@x', name: 'X', role: 'EXECUTIVE' })));
    const ownIds = (await t.db.auditEvent.findMany({ where: { actorId: partnerA.userId }, select: { id: true } })).map((r) => r.id.toString()).sort();
    expect(theirs.rows.map((r) => r.id).sort()).toEqual(ownIds);
    expect(everyone.rows.length).toBeGreaterThan(theirs.rows.length);
    expect(leaks(JSON.stringify(theirs, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)))).toEqual([]);
  });

  it('search finds for a partner what is shared with them, and nothing else', async () => {
    const route = routesOnDisk().find((r) => r.path === '/api/v1/search')!;
    const [, get] = route.handlers.find(([m]) => m === 'GET')!;
    const search = async (q: string) => {
      const answer = await call(get, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}`, {});
      expect(answer.status, q).toBe(200);
      return answer.text;
    };
    for (const q of ['SECRET', 'secret deal', 'milestone', 'regulator', 'requirement', 'note', 'Bo Partner', 'Dana', 'Elsewhere', 'payment', 'US']) {
      expect(leaks(await search(q)), q).toEqual([]);
    }
    const found = JSON.parse(await search('Alipay wallet integraton')) as { results: { title: string; href: string }[] };
    expect(found.results.map((r) => r.title)).toContain('Alipay wallet integration');
    expect(found.results.find((r) => r.title === 'Alipay wallet integration')!.href).toBe('/partnerships/apple-pay-alipay#your-milestones');
    expect((JSON.parse(await search('PBOC')) as { results: { title: string }[] }).results.map((r) => r.title)).toContain('PBOC (CN)');
  });

  it("the company's notes are internal unless the form's \"Visible to partners\" is ticked", async () => {
    const bd = userActor({ ...(await t.db.user.findFirstOrThrow({ where: { role: 'BUSINESS_DEVELOPMENT' } })), role: 'BUSINESS_DEVELOPMENT' });
    const ticked = await createNoteCommand(bd, { subjectType: 'partnership', subjectId: w.p1.id, body: 'Ticked', sharedWithPartners: 'on' });
    const unticked = await createNoteCommand(bd, { subjectType: 'partnership', subjectId: w.p1.id, body: 'Unticked' });
    expect(ticked).toMatchObject({ status: 'success', data: { sharedWithPartners: true } });
    expect(unticked).toMatchObject({ status: 'success', data: { sharedWithPartners: false } });
    const seen = (await findNotesFor(partnerA, 'partnership', w.p1.id)).map((n) => n.body);
    expect(seen).toContain('Ticked');
    expect(seen).not.toContain('Unticked');
  });
});
