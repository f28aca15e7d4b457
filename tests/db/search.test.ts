import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as searchRoute from '@/app/api/v1/search/route';
import { INTERNAL_ROLES, ROLES, type Role } from '@/lib/domain';
import type { SearchResult } from '@/lib/search';
import { userActor, type Actor } from '@/server/auth/actor';
import { deleteMilestone } from '@/server/milestones/structure';
import { createNote, deleteNote } from '@/server/notes/mutations';
import { searchEverything } from '@/server/search/queries';
import { MOST_WORDS_UNDER } from '@/server/search/terms';
import { visiblePartnershipFilter } from '@/server/search/visibility';
import { createApiToken } from '@/server/tokens/mutations';
import { createMilestone, createUser } from '@/tests/factories/builders';
import { APPLE_PAY_ALIPAY } from '@/tests/factories/demo';
import { actorsByRole } from '@/tests/support/actors';
import { openDemoDatabase, type TestDatabase } from '@/tests/support/test-database';

// Search (issue 15) on the demo world, on PGlite and on PostgreSQL: partial and misspelt words,
// every kind with where it lives and its page, nothing deleted or hidden, a stable ranking, and
// hostile queries answered with a 4xx or results, never a 500.

let t: TestDatabase;
let actors: Record<Role, Actor>;
let blake: Actor;
let deal: { id: string; slug: string };
const ids = {} as Record<'termSheet' | 'pboc' | 'hkRollout' | 'alibaba' | 'note' | 'checkpointNote' | 'deletedNote' | 'deletedMilestone' | 'document', string>;

const search = (actor: Actor, q: string, options: { page?: number; limit?: number } = {}) =>
  searchEverything(actor, { q, page: options.page ?? 1, limit: options.limit ?? 20 });
const titles = (results: SearchResult[]) => results.map((r) => r.title);

beforeAll(async () => {
  t = await openDemoDatabase('2026-11-23');
  actors = await actorsByRole(t.db);
  blake = userActor(await t.db.user.findUniqueOrThrow({ where: { email: 'bd@accord.local' } }));
  deal = await t.db.partnership.findUniqueOrThrow({ where: { slug: APPLE_PAY_ALIPAY }, select: { id: true, slug: true } });
  const one = <T extends { id: string }>(row: T) => row.id;
  ids.termSheet = one(await t.db.milestone.findFirstOrThrow({ where: { partnershipId: deal.id, title: 'Term sheet signed' } }));
  ids.pboc = one(await t.db.regulatoryCheckpoint.findFirstOrThrow({ where: { partnershipId: deal.id, regulator: "People's Bank of China" } }));
  ids.hkRollout = one(await t.db.rollout.findFirstOrThrow({ where: { partnershipId: deal.id, region: { code: 'HK' } } }));
  ids.alibaba = one(await t.db.organization.findUniqueOrThrow({ where: { name: 'Alibaba Group' } }));
  ids.note = (await createNote(blake, {
    subjectType: 'milestone', subjectId: ids.termSheet,
    body: "We agreed the **draft** with Alipay's counsel on Tuesday.\n\nThe wallet licence is the last open question before signing.",
  })).id;
  ids.checkpointNote = (await createNote(blake, { subjectType: 'checkpoint', subjectId: ids.pboc, body: 'Filed the quokka appendix with the regulator.' })).id;
  ids.deletedNote = (await createNote(blake, { subjectType: 'partnership', subjectId: deal.id, body: 'Wombat pricing idea, withdrawn.' })).id;
  await deleteNote(blake, ids.deletedNote);
  const doomed = await createMilestone(t.db, { partnershipId: deal.id, title: 'Retire the narwhal kiosk', description: 'Narwhal kiosks go.' });
  ids.deletedMilestone = doomed.id;
  await createNote(blake, { subjectType: 'milestone', subjectId: doomed.id, body: 'Narwhal kiosk vendor called back.' });
  await deleteMilestone(blake, { id: doomed.id, version: doomed.version });
  const gone = await createUser(t.db, { name: 'Wendell Quimby', email: 'wendell.quimby@example.test', role: 'ANALYST' });
  await t.db.user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
  // A document row as the upload writes it (the bytes are not what search reads).
  ids.document = (await t.db.document.create({
    data: {
      partnershipId: deal.id, checkpointId: ids.pboc, fileName: 'PBOC payment-licence 2026.pdf', contentType: 'application/pdf',
      sizeBytes: 4, sha256: '0'.repeat(64), seriesId: 'search-test-series', uploadedById: blake.userId!,
    },
  })).id;
});
afterAll(() => t?.close());

describe('search finds', () => {
  it('by the start of a word: "Alip" is Apple Pay × Alipay, first', async () => {
    const { results } = await search(actors.EXECUTIVE, 'Alip');
    expect(results[0]).toMatchObject({ kind: 'partnership', title: 'Apple Pay × Alipay', href: `/partnerships/${APPLE_PAY_ALIPAY}` });
  });

  it.each([
    ['Alipy', 'partnership', 'Apple Pay × Alipay'],
    ['Peoples Bnak of Chna', 'checkpoint', "People's Bank of China (CN)"],
    ['Hong Kong Monetery Authority', 'checkpoint', 'Hong Kong Monetary Authority (HK)'],
    ['Alibba Group', 'organization', 'Alibaba Group'],
    // Part of a name with one word past what trigrams forgive ("bnak" shares one trigram with "bank").
    ['peoples bnak', 'checkpoint', "People's Bank of China (CN)"],
  ])('by misspelt words: %s', async (q, kind, title) => {
    const { results } = await search(actors.EXECUTIVE, q);
    expect(results[0], JSON.stringify(results.slice(0, 3))).toMatchObject({ kind, title });
  });

  it('each kind, with where it lives and its page', async () => {
    const first = async (actor: Actor, q: string, kind: SearchResult['kind']) => (await search(actor, q)).results.find((r) => r.kind === kind);
    const base = `/partnerships/${APPLE_PAY_ALIPAY}`;
    expect(await first(actors.EXECUTIVE, 'Apple Pay × Alipay', 'partnership')).toMatchObject({ where: 'Portfolio › Negotiating', href: base });
    expect(await first(actors.EXECUTIVE, 'Alibaba', 'organization')).toMatchObject({
      title: 'Alibaba Group', where: 'Organizations › party to Apple Pay × Alipay', href: `/organizations/${ids.alibaba}`,
    });
    expect(await first(actors.EXECUTIVE, 'term sheet', 'milestone')).toMatchObject({
      title: 'Term sheet signed', where: 'Apple Pay × Alipay › Milestones › In progress', href: `${base}/milestones/${ids.termSheet}`,
    });
    expect(await first(actors.EXECUTIVE, 'Peoples Bank', 'checkpoint')).toMatchObject({
      where: 'Apple Pay × Alipay › Regulatory board › Under review', href: `${base}/checkpoints/${ids.pboc}`,
      snippet: 'Payment business licence covering NFC wallet acceptance',
    });
    // Matched in its conditions: the snippet shows them.
    expect((await first(actors.EXECUTIVE, 'stored-value balances', 'checkpoint'))?.snippet).toContain('stored-value balances');
    expect(await first(actors.EXECUTIVE, 'Hong Kong', 'region')).toMatchObject({
      title: 'Hong Kong (HK)', where: 'Apple Pay × Alipay › Rollout › Planned', href: `${base}/rollouts/${ids.hkRollout}`,
    });
    expect(await first(actors.EXECUTIVE, 'Blake', 'person')).toMatchObject({
      title: 'Blake Dev', where: 'People › Business development', href: null, snippet: 'bd@accord.local',
    });
    expect(await first(actors.ADMIN, 'Blake', 'person')).toMatchObject({ href: '/admin/users' });
    expect(await first(actors.EXECUTIVE, 'payment licence pdf', 'document')).toMatchObject({
      title: 'PBOC payment-licence 2026.pdf', where: "Apple Pay × Alipay › People's Bank of China (evidence)",
      href: `/api/v1/documents/${ids.document}/content`,
    });
  });

  it("a note's text, shown where it was written, with its anchor", async () => {
    const { results } = await search(actors.ANALYST, 'counsel');
    expect(results[0]).toMatchObject({
      kind: 'note', title: "We agreed the draft with Alipay's counsel on Tuesday.",
      where: 'Apple Pay × Alipay › Term sheet signed › note by Blake Dev',
      href: `/partnerships/${APPLE_PAY_ALIPAY}/milestones/${ids.termSheet}#note-${ids.note}`,
    });
    // Words far apart in one note, one of them misspelt.
    const apart = await search(actors.ANALYST, 'walet counsel');
    expect(apart.results.map((r) => r.id)).toContain(ids.note);
    const onCheckpoint = (await search(actors.EXECUTIVE, 'quokka')).results[0];
    expect(onCheckpoint).toMatchObject({ kind: 'note', where: "Apple Pay × Alipay › People's Bank of China › note by Blake Dev" });
    expect(onCheckpoint?.href).toBe(`/partnerships/${APPLE_PAY_ALIPAY}/checkpoints/${ids.pboc}#note-${ids.checkpointNote}`);
  });

  it('a region of the catalogue only for those who keep it', async () => {
    const catalogue = (actor: Actor) => search(actor, 'Germany').then(({ results }) => results.filter((r) => r.where === 'Region catalogue'));
    expect(await catalogue(actors.ADMIN)).toMatchObject([{ kind: 'region', title: 'Germany (DE)', href: '/admin/regions' }]);
    for (const role of ['EXECUTIVE', 'BUSINESS_DEVELOPMENT', 'ANALYST'] as const) expect(await catalogue(actors[role])).toEqual([]);
  });
});

describe('search never returns', () => {
  it('a deleted note, a deleted milestone or a note on one', async () => {
    for (const role of ROLES) {
      expect((await search(actors[role], 'wombat pricing')).results.map((r) => r.id)).not.toContain(ids.deletedNote);
      const narwhal = (await search(actors[role], 'narwhal kiosk')).results;
      expect(narwhal.filter((r) => r.kind === 'milestone' || r.kind === 'note'), role).toEqual([]);
    }
  });

  it('a deactivated person to anyone but those who manage people', async () => {
    for (const role of ['EXECUTIVE', 'BUSINESS_DEVELOPMENT', 'ANALYST'] as const) {
      expect(titles((await search(actors[role], 'Wendell Quimby')).results), role).not.toContain('Wendell Quimby');
    }
    expect((await search(actors.ADMIN, 'Wendell Quimby')).results[0]).toMatchObject({ kind: 'person', where: 'People › Analyst › deactivated' });
  });

  it('what the reader may not see: every internal role reads every partnership, a partner only their own, through one rule', async () => {
    for (const role of INTERNAL_ROLES) expect(await visiblePartnershipFilter(actors[role])).toBe('all');
    // The test's partner belongs to an organization party to no deal (tests/db/partner-access.test.ts covers the rest).
    expect(await visiblePartnershipFilter(actors.PARTNER)).toEqual({ only: [] });
    expect((await searchEverything(actors.PARTNER, { q: 'Alipay', page: 1, limit: 20 })).results).toEqual([]);
  });
});

describe('ranking', () => {
  it('puts the exact name first, then names that start with it, then the rest', async () => {
    expect(titles((await search(actors.EXECUTIVE, 'Launch in Hong Kong')).results).slice(0, 1)).toEqual(['Launch in Hong Kong']);
    const org = (await search(actors.EXECUTIVE, 'Alibaba Group')).results;
    expect(org[0]).toMatchObject({ kind: 'organization', title: 'Alibaba Group' });
    const hk = (await search(actors.EXECUTIVE, 'Hong Kong')).results;
    expect(hk[0]).toMatchObject({ kind: 'region', title: 'Hong Kong (HK)' });
    expect(hk.findIndex((r) => r.title === 'Hong Kong Monetary Authority (HK)')).toBeLessThan(hk.findIndex((r) => r.title === 'Launch in Hong Kong'));
  });

  it('is stable, and pages hold each result once, ties included', async () => {
    // 35 milestones that rank exactly alike: the order among them is their title, then their id.
    for (let i = 1; i <= 35; i++) await createMilestone(t.db, { partnershipId: deal.id, title: `Rollout wave ${i}`, sortOrder: 100 + i });
    const all = await search(actors.ADMIN, 'wave', { limit: 50 });
    expect(all.results.length).toBe(35);
    expect(await search(actors.ADMIN, 'wave', { limit: 50 })).toEqual(all);
    const size = 13;
    const pages = await Promise.all([1, 2, 3].map((page) => search(actors.ADMIN, 'wave', { page, limit: size })));
    expect(pages.flatMap((p) => p.results)).toEqual(all.results);
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, false]);
    expect(all.results.slice(0, 3).map((r) => r.title)).toEqual(['Rollout wave 1', 'Rollout wave 10', 'Rollout wave 11']);
    const scores = all.results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });
});

describe('GET /api/v1/search', () => {
  type Handler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;
  let token: string;
  beforeAll(async () => {
    token = (await createApiToken(actors.EXECUTIVE, { ownerId: actors.EXECUTIVE.userId!, name: 'search', readOnly: true })).token;
  });
  const get = async (query: string, auth = true) => {
    const request = new Request(`http://accord.test/api/v1/search?${query}`, { headers: auth ? { authorization: `Bearer ${token}` } : {} });
    const response = await (searchRoute.GET as Handler)(request, { params: Promise.resolve({}) });
    return { status: response.status, json: (await response.json()) as { query?: string; results?: SearchResult[]; error?: string; fieldErrors?: Record<string, string[]> } };
  };
  const q = (value: string) => `q=${encodeURIComponent(value)}`;

  it('answers { query, results } to a read-only token, and 401 without one', async () => {
    const found = await get(q('  Alip  '));
    expect(found.status).toBe(200);
    expect(found.json.query).toBe('Alip');
    expect(found.json.results?.[0]).toMatchObject({ kind: 'partnership', title: 'Apple Pay × Alipay' });
    // What a result says, and nothing of how it was ranked or found.
    expect(Object.keys(found.json.results![0]!).sort()).toEqual(['href', 'id', 'kind', 'score', 'snippet', 'title', 'where']);
    expect((await get(q('Alip'), false)).status).toBe(401);
  });

  it.each([
    ['an empty query', q('   ')],
    ['2,000 characters without a space', q('x'.repeat(2000))],
    ['page 0', `${q('Alipay')}&page=0`],
    ['a page that is not a number', `${q('Alipay')}&page=two`],
    ['a limit over 50', `${q('Alipay')}&limit=51`],
  ])('refuses %s with 422 and a message', async (_what, query) => {
    const { status, json } = await get(query);
    expect(status).toBe(422);
    expect(Object.values(json.fieldErrors ?? {}).flat().join(' ')).toMatch(/search|page|limit/i);
  });

  it('refuses control characters in the query with 400 before searching, as for every API address', async () => {
    const { status, json } = await get(q('Ali\u0000pay'));
    expect(status).toBe(400);
    expect(String(json.error)).toMatch(/control character/i);
  });

  it.each([
    'x'.repeat(200), '\u200fAlipay\u200e', '\u202eyapilA', '%', '%%%', '_', '__', "People's", '"Alipay"', "'; DROP TABLE notes; --",
    '\\', 'C:\\Windows\\', '\\%', 'a%b_c', '*', '(', '[', '😀', 'ÅÄÖ', '中国人民银行', '<script>alert(1)</script>',
  ])('answers %j with results, never a 500', async (value) => {
    const { status, json } = await get(q(value));
    expect(status, JSON.stringify(json)).toBe(200);
    expect(Array.isArray(json.results)).toBe(true);
  });

  it('treats % and _ as the characters they are', async () => {
    expect((await get(q('%%%'))).json.results).toEqual([]);
    // Only what holds an underscore (the test people's addresses do), not everything.
    const underscore = (await get(q('_'))).json.results ?? [];
    expect(underscore.every((r) => `${r.title} ${r.snippet}`.includes('_')), JSON.stringify(underscore)).toBe(true);
  });
});

// Runs last: it adds a hundred organizations that no other case searches for.
describe('"most words": a name with one word past what trigrams forgive', () => {
  it('finds a name by two of three words, and is not asked once the whole query matches MOST_WORDS_UNDER names', async () => {
    const q = 'zelwyn quarmby kfbtpdxqrvlmn';
    // Two of the three words are words of the name; the whole query is far from it (similarity
    // ~0.2, word similarity ~0.5), so only "most words" finds it.
    const target = await t.db.organization.create({ data: { name: 'Zelwyn Partners International Holdings of Quarmby Limited' } });
    const everyPage = async () => {
      const ids: string[] = [];
      for (let page = 1; ; page++) {
        const answer = await search(actors.EXECUTIVE, q, { page, limit: 50 });
        ids.push(...answer.results.map((r) => r.id));
        if (!answer.hasMore) return ids;
      }
    };
    expect(await everyPage()).toEqual([target.id]);
    // Names that hold the whole query: one short of the bar, the fallback is still asked (last).
    await t.db.organization.createMany({ data: Array.from({ length: MOST_WORDS_UNDER - 1 }, (_, i) => ({ name: `${q} ${i + 1}` })) });
    const under = await everyPage();
    expect(under).toHaveLength(MOST_WORDS_UNDER);
    expect(under.at(-1)).toBe(target.id);
    // At the bar: the whole query found the names; the fallback is not asked, on any page.
    await t.db.organization.create({ data: { name: `${q} ${MOST_WORDS_UNDER}` } });
    const at = await everyPage();
    expect(at).toHaveLength(MOST_WORDS_UNDER);
    expect(at).not.toContain(target.id);
  });
});
