import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as rawRoute from '@/app/(app)/audit/[id]/raw/route';
import * as partnershipRoute from '@/app/api/v1/partnerships/[slug]/route';
import { CONFIDENTIAL_CHANGE, CONFIDENTIAL_VALUE } from '@/lib/audit-words';
import { formatDay } from '@/lib/format';
import { describeChange } from '@/lib/rules/changes';
import { fieldAccess } from '@/server/access/fields';
import { auditReaderScope, findAuditEvents, findHistories, findRawAuditRecord } from '@/server/audit/queries';
import { userActor, type Actor } from '@/server/auth/actor';
import { findChangesSince } from '@/server/dashboard/review';
import { updateFieldPoliciesCommand } from '@/server/field-policies/commands';
import { findFieldPolicies } from '@/server/field-policies/queries';
import { updateConfidentialAccessCommand } from '@/server/metric-policies/commands';
import { watchCommand } from '@/server/notifications/commands';
import { fanoutAuditEvent } from '@/server/notifications/fanout';
import { findActivity } from '@/server/partnerships/activity';
import { updatePartnership } from '@/server/partnerships/mutations';
import { readDigest } from '@/server/subscriptions/digest';
import { saveTargets } from '@/server/targets/mutations';
import { createApiToken } from '@/server/tokens/mutations';
import { createUser } from '@/tests/factories/builders';
import { APPLE_PAY_ALIPAY } from '@/tests/factories/demo';
import { actorsByRole } from '@/tests/support/actors';
import { openDemoDatabase, type TestDatabase } from '@/tests/support/test-database';

// Issue 17, item 5: the audit trail (server/audit/redact.ts) never shows the values of a confidential
// field, or of a confidential metric's targets, to a reader they are confidential to; the change
// itself (who, which field, when) stays. A reader who may see them sees them.
const TODAY = '2026-11-23';
const OLD_SUMMARY = 'Quokkaglass draft: no fraud clause yet.';
const SUMMARY = 'Zephyrquartz clause: Alipay carries the first-year fraud losses.';
const OLD_SIGN_ON = '2014-12-03';
const SIGN_ON = '2014-12-19';
const LAUNCH_ON = '2015-09-17';
const MOVED_LAUNCH = '2015-10-29';
const FIGURE = '987654'; // cards added, while the targets are not (yet) confidential
const CONFIDENTIAL_FIGURE = '4242420'; // payment volume: a confidential metric
const PLAN_FIGURE = '555123'; // cards added, once the targets are confidential
type Handler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;

const day = (iso: string) => [iso, formatDay(iso)];
const figure = (text: string) => [text, Number(text).toLocaleString('en-US')];
const FIELD_TRACES = [OLD_SUMMARY, SUMMARY, 'Quokkaglass', 'Zephyrquartz', ...day(OLD_SIGN_ON), ...day(SIGN_ON), ...day(LAUNCH_ON), ...day(MOVED_LAUNCH), ...figure(PLAN_FIGURE)];
const tracesOf = (list: string[]) => (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return list.filter((s) => text.includes(s));
};
const tracesIn = tracesOf([...FIELD_TRACES, ...figure(CONFIDENTIAL_FIGURE)]);

let t: TestDatabase;
let actors: Awaited<ReturnType<typeof actorsByRole>>;
let partner: Actor;
let appleId: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await openDemoDatabase(TODAY);
  actors = await actorsByRole(t.db);
  const apple = await t.db.partnership.update({
    where: { slug: APPLE_PAY_ALIPAY },
    data: { summary: OLD_SUMMARY, targetSignOn: new Date(`${OLD_SIGN_ON}T00:00:00Z`), targetLaunchOn: new Date(`${LAUNCH_ON}T00:00:00Z`) },
    include: { parties: true },
  });
  appleId = apple.id;
  partner = userActor(await createUser(t.db, { role: 'PARTNER', organizationId: apple.parties.at(-1)!.organizationId, email: 'partner-audit@example.test' }));
  for (const [name, who] of [['EXECUTIVE', actors.EXECUTIVE], ['ADMIN', actors.ADMIN], ['BUSINESS_DEVELOPMENT', actors.BUSINESS_DEVELOPMENT]] as const) {
    tokens[name] = (await createApiToken(who, { ownerId: who.userId!, name: 'audit', readOnly: false })).token;
  }
});
afterAll(() => t?.close());

async function call(handler: Handler, token: string, path: string, params: Record<string, string>, method = 'GET', body?: unknown) {
  const response = await handler(
    new Request(`http://accord.test${path}`, {
      method, body: body === undefined ? undefined : JSON.stringify(body),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', origin: 'http://accord.test' },
    }),
    { params: Promise.resolve(params) },
  );
  return { status: response.status, text: await response.text() };
}

async function setAccess(role: 'EXECUTIVE' | 'BUSINESS_DEVELOPMENT', allowed: boolean) {
  const fields: Record<string, string> = { 'allowed:EXECUTIVE': 'on', 'allowed:BUSINESS_DEVELOPMENT': 'on', 'allowed:ANALYST': 'on', 'allowed:ADMIN': 'on' };
  if (!allowed) delete fields[`allowed:${role}`];
  expect(await updateConfidentialAccessCommand(actors.ADMIN, fields)).toMatchObject({ status: 'success' });
}

async function markAllConfidential() {
  const fields: Record<string, string> = { partnership: APPLE_PAY_ALIPAY };
  for (const p of (await findFieldPolicies(APPLE_PAY_ALIPAY)).policies) Object.assign(fields, { [`version:${p.field}`]: String(p.version), [`confidential:${p.field}`]: 'on' });
  expect(await updateFieldPoliciesCommand(actors.BUSINESS_DEVELOPMENT, fields)).toMatchObject({ status: 'success' });
}

const version = async () => (await t.db.partnership.findUniqueOrThrow({ where: { id: appleId }, select: { version: true } })).version;
const appleTrail = (audience: Parameters<typeof findAuditEvents>[2]) => findAuditEvents({ entityType: 'Partnership', entityId: appleId }, null, audience);
const historyWords = (entries: Awaited<ReturnType<typeof findHistories>>) =>
  [...entries.values()].flat().flatMap((e) => describeChange({ entityType: 'Partnership', action: e.action, label: null, before: e.before, after: e.after, confidential: e.confidential }).map((d) => d.text));

describe('the audit trail hides confidential values from whoever they are confidential to (issue 17, item 5)', () => {
  it("a confidential metric's target figures are hidden from an unticked role, the others are not", async () => {
    await setAccess('EXECUTIVE', false);
    await saveTargets(actors.BUSINESS_DEVELOPMENT, {
      partnershipSlug: APPLE_PAY_ALIPAY,
      targets: [{ region: 'US', metric: 'payment_volume', month: '2016-03', value: CONFIDENTIAL_FIGURE }, { region: 'US', metric: 'cards_added', month: '2016-03', value: FIGURE }],
    });
    const hidden = (await appleTrail('EXECUTIVE')).rows.find((r) => r.changes.some((c) => c.field.includes('payment_volume')))!;
    expect(tracesOf(figure(CONFIDENTIAL_FIGURE))(hidden)).toEqual([]);
    expect(hidden.changes.find((c) => c.field.includes('payment_volume'))).toMatchObject({ from: null, to: CONFIDENTIAL_CHANGE, confidential: true });
    expect(hidden.changes.find((c) => c.field.includes('cards_added'))).toMatchObject({ to: FIGURE });
    const raw = (await findRawAuditRecord(hidden.id, null, 'EXECUTIVE'))!;
    expect(tracesOf(figure(CONFIDENTIAL_FIGURE))(raw)).toEqual([]);
    expect(raw).toContain(FIGURE);
    // An administrator (ticked) reads both.
    const seen = (await appleTrail('ADMIN')).rows.find((r) => r.id === hidden.id)!;
    expect(JSON.stringify(seen)).toContain(CONFIDENTIAL_FIGURE);
    expect(await findRawAuditRecord(hidden.id, null, 'ADMIN')).toContain(CONFIDENTIAL_FIGURE);
  });

  it('an unticked role sees who changed which confidential field and when, never a value, in every audit output; a ticked one sees them all', async () => {
    ok(await watchCommand(actors.EXECUTIVE, { subjectType: 'partnership', subjectId: appleId, watching: 'on' }));
    await markAllConfidential();
    await updatePartnership(actors.BUSINESS_DEVELOPMENT, APPLE_PAY_ALIPAY, { version: await version(), summary: SUMMARY, targetSignOn: SIGN_ON, targetLaunchOn: MOVED_LAUNCH });
    await saveTargets(actors.BUSINESS_DEVELOPMENT, { partnershipSlug: APPLE_PAY_ALIPAY, targets: [{ region: 'US', metric: 'cards_added', month: '2016-04', value: PLAN_FIGURE }] });
    const edit = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'partnership.updated', entityId: appleId }, orderBy: { id: 'desc' } });
    expect(JSON.stringify(edit.after)).toContain(SUMMARY); // stored as it is: only the outputs hide it
    const since = new Date('2026-11-01T00:00:00Z');
    const { hidden } = await fieldAccess('EXECUTIVE', appleId);
    expect(hidden).toEqual(['summary', 'targetSignOn', 'targetLaunchOn', 'targets']);

    // The audit page (every event, and one record's history) and its raw records.
    for (const page of [await findAuditEvents({}, null, 'EXECUTIVE'), await appleTrail('EXECUTIVE')]) {
      expect(tracesIn(page)).toEqual([]);
      for (const row of page.rows) expect(tracesIn(await findRawAuditRecord(row.id, null, 'EXECUTIVE')), row.action).toEqual([]);
    }
    const shown = (await appleTrail('EXECUTIVE')).rows.find((r) => r.id === edit.id.toString())!;
    expect(shown.actor).toBe((await t.db.user.findUniqueOrThrow({ where: { id: actors.BUSINESS_DEVELOPMENT.userId! } })).name); // who, and when: attribution stays
    expect(shown.occurredAt).toBe(edit.occurredAt.toISOString());
    expect(shown.changes.map((c) => [c.field, c.to])).toEqual([['Summary', CONFIDENTIAL_CHANGE], ['Target signing', CONFIDENTIAL_CHANGE], ['Target launch', CONFIDENTIAL_CHANGE]]);
    expect(JSON.parse((await findRawAuditRecord(edit.id.toString(), null, 'EXECUTIVE'))!)).toMatchObject({ after: { summary: CONFIDENTIAL_VALUE, targetLaunchOn: CONFIDENTIAL_VALUE } });
    const raw = await call(rawRoute.GET as Handler, tokens.EXECUTIVE!, `/audit/${edit.id}/raw`, { id: edit.id.toString() });
    expect(raw.status, raw.text).toBe(200);
    expect(tracesIn(raw.text)).toEqual([]);
    // A record's History (the same query the manage page's rows use).
    const history = await findHistories([appleId], 20, 'EXECUTIVE');
    expect(tracesIn(history)).toEqual([]);
    expect(tracesIn(historyWords(history))).toEqual([]);
    expect(historyWords(history)).toContain(`Partnership: target launch ${CONFIDENTIAL_CHANGE}`);
    // The activity feed, "since your last review" and the digest.
    const activity = await findActivity(appleId, undefined, hidden);
    expect(tracesIn(activity)).toEqual([]);
    expect(JSON.stringify(activity)).toContain(`target launch ${CONFIDENTIAL_CHANGE}`);
    expect(JSON.stringify(activity)).toContain('summary edited');
    const review = await findChangesSince(appleId, since, 'chosen', null, TODAY, hidden);
    expect(tracesIn(review)).toEqual([]);
    expect(review.items.map((i) => i.text)).toContain(`Partnership: target signing ${CONFIDENTIAL_CHANGE}`);
    const digest = await readDigest(t.db, { id: 'digest', userId: actors.EXECUTIVE.userId!, cadence: 'WEEKLY', partnershipId: appleId, lastSentAt: null }, new Date(`${TODAY}T12:00:00Z`), 'EXECUTIVE');
    expect(tracesIn(digest)).toEqual([]);
    // The inbox: written once, read later by people whose access may change, so no value to anyone.
    expect(await fanoutAuditEvent(t.db, edit.id)).toBeGreaterThan(0);
    const inbox = await t.db.notification.findMany({ where: { auditEventId: edit.id } });
    expect(inbox.map((n) => n.userId)).toContain(actors.EXECUTIVE.userId);
    expect(tracesIn(inbox)).toEqual([]);
    expect(inbox[0]!.detail).toContain(`Target launch: ${CONFIDENTIAL_CHANGE}`);

    // A ticked administrator sees every value; the kept answers are per reader, both ways.
    for (let round = 0; round < 2; round += 1) {
      const admin = await appleTrail('ADMIN');
      expect(tracesOf([SUMMARY, OLD_SUMMARY, formatDay(MOVED_LAUNCH), formatDay(SIGN_ON), PLAN_FIGURE])(admin)).toHaveLength(5);
      expect(tracesIn(await appleTrail('EXECUTIVE'))).toEqual([]);
    }
    expect(await findRawAuditRecord(edit.id.toString(), null, 'ADMIN')).toContain(SUMMARY);
    expect(historyWords(await findHistories([appleId], 20, 'ADMIN')).join(' ')).toContain(formatDay(MOVED_LAUNCH));
    expect(JSON.stringify(await findActivity(appleId, undefined, []))).toContain(formatDay(MOVED_LAUNCH));
    expect(tracesIn((await call(rawRoute.GET as Handler, tokens.ADMIN!, `/audit/${edit.id}/raw`, { id: edit.id.toString() })).text)).toContain(SUMMARY);
    // Ticked again, the executive sees the values at once (the access bumps the content version).
    await setAccess('EXECUTIVE', true);
    expect(JSON.stringify(await appleTrail('EXECUTIVE'))).toContain(SUMMARY);
  });

  it("holds for partners too: their own event on a field confidential to them shows no value", async () => {
    // A partner cannot edit these fields; the rule holds for them anyway (a row written as if they had).
    const row = await t.db.auditEvent.create({
      data: { actorId: partner.userId, actorLabel: partner.label, entityType: 'Partnership', entityId: appleId, partnershipId: appleId, action: 'partnership.updated', before: { summary: OLD_SUMMARY, targetLaunchOn: LAUNCH_ON }, after: { summary: SUMMARY, targetLaunchOn: MOVED_LAUNCH } },
    });
    const theirs = await findAuditEvents({}, auditReaderScope(partner), 'PARTNER');
    expect(theirs.rows.map((r) => r.id)).toContain(row.id.toString());
    expect(tracesIn(theirs)).toEqual([]);
    expect(tracesIn(await findRawAuditRecord(row.id.toString(), auditReaderScope(partner), 'PARTNER'))).toEqual([]);
    await t.db.auditEvent.delete({ where: { id: row.id } }).catch(() => undefined); // append-only tables may refuse: harmless
  });

  it("an unticked editor's 409 and 422 tell nothing of the hidden fields; the opened date moves earlier, not later", async () => {
    await setAccess('BUSINESS_DEVELOPMENT', false);
    const patch = (body: Record<string, unknown>) => call(partnershipRoute.PATCH as Handler, tokens.BUSINESS_DEVELOPMENT!, `/api/v1/partnerships/${APPLE_PAY_ALIPAY}`, { slug: APPLE_PAY_ALIPAY }, 'PATCH', body);
    // The last change was of the hidden fields: the 409 says so without their values.
    const v = await version();
    const stale = await patch({ version: v - 1, name: 'Apple Pay × Alipay' });
    expect(stale.status).toBe(409);
    expect(tracesIn(stale.text)).toEqual([]);
    // Moving the opened date later is refused the same way whatever the hidden dates are: set,
    // unset, before or after the new day.
    const answers = new Set<string>();
    for (const launch of ['2014-11-05', '2030-01-01', null]) {
      await t.db.partnership.update({ where: { id: appleId }, data: { targetLaunchOn: launch ? new Date(`${launch}T00:00:00Z`) : null } });
      const later = await patch({ version: await version(), openedOn: '2014-11-01' });
      expect(later.status, later.text).toBe(422);
      expect(tracesIn(later.text)).toEqual([]);
      expect(later.text).not.toMatch(/targetLaunchOn|targetSignOn|before the partnership was opened/);
      answers.add(later.text);
    }
    expect(answers.size).toBe(1);
    expect(JSON.parse([...answers][0]!)).toMatchObject({ error: expect.stringMatching(/confidential to your role/), fieldErrors: { openedOn: [expect.any(String)] } });
    // Earlier is saved (no stored date can come before it), and a hidden date already before the
    // opened date is not checked against what the editor sends.
    await t.db.partnership.update({ where: { id: appleId }, data: { targetLaunchOn: new Date(`${MOVED_LAUNCH}T00:00:00Z`), targetSignOn: new Date('2014-01-01T00:00:00Z') } });
    const earlier = await patch({ version: await version(), openedOn: '2014-10-20' });
    expect(earlier.status, earlier.text).toBe(200);
    expect(tracesIn(earlier.text)).toEqual([]);
    const renamed = await patch({ version: await version(), name: 'Apple Pay × Alipay (renamed)' });
    expect(renamed.status, renamed.text).toBe(200);
    // Whoever sees the dates moves the opened date later, checked against all of them.
    await setAccess('BUSINESS_DEVELOPMENT', true);
    const checked = await patch({ version: await version(), openedOn: '2014-11-01' });
    expect(checked.status).toBe(422);
    expect(JSON.parse(checked.text)).toMatchObject({ error: 'Some dates come before the partnership was opened.', fieldErrors: { targetSignOn: [expect.any(String)] } });
    expect(await t.db.partnership.findUniqueOrThrow({ where: { id: appleId }, select: { openedOn: true } })).toEqual({ openedOn: new Date('2014-10-20T00:00:00Z') });
  });
});

function ok(result: unknown) {
  expect(result).toMatchObject({ status: 'success' });
}
