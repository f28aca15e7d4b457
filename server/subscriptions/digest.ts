import 'server-only';
import { addDays, todayIn, type IsoDay } from '@/lib/dates';
import type { Dashboard, SinceLastReview } from '@/lib/dashboard';
import { STAGE_LABELS } from '@/lib/domain';
import { describeDue, formatDay, formatInteger, formatShareOfTarget } from '@/lib/format';
import { formatInstant } from '@/lib/format-time';
import { HEALTH_LABELS } from '@/lib/rules/health';
import type { MetricAudience } from '@/server/access/metrics';
import { findDashboard } from '@/server/dashboard/queries';
import { findChangesSince } from '@/server/dashboard/review';
import type { Db } from '@/server/db';
import { absoluteUrl } from '@/server/mail/config';
import type { Mail } from '@/server/mail/outbox';
import { esc, mailPage } from './mail-layout';

const DUE_WITHIN_DAYS = 14;
const MOST_DEALS = 25;

/** One deal in a digest: the dashboard's own numbers (findDashboard), and what changed since the last one. */
export type DigestDeal = {
  dashboard: Dashboard;
  changes: SinceLastReview;
  due: { what: string; when: string }[];
};

type DigestSubscription = { id: string; userId: string; cadence: 'DAILY' | 'WEEKLY' | 'MONTHLY'; partnershipId: string | null; lastSentAt: Date | null };

/** The deals a digest covers: its one partnership, else those the person owns or watches (by name). */
export async function digestDealSlugs(db: Db, sub: Pick<DigestSubscription, 'userId' | 'partnershipId'>): Promise<string[]> {
  const rows = await db.partnership.findMany({
    where: sub.partnershipId
      ? { id: sub.partnershipId }
      : { OR: [{ ownerId: sub.userId }, { id: { in: (await db.watch.findMany({ where: { userId: sub.userId, subjectType: 'PARTNERSHIP' }, select: { subjectId: true } })).map((w) => w.subjectId) } }] },
    orderBy: { name: 'asc' },
    take: MOST_DEALS,
    select: { slug: true },
  });
  return rows.map((r) => r.slug);
}

/** Where a digest starts: the last one sent, else one period back. */
export function digestSince(sub: Pick<DigestSubscription, 'cadence' | 'lastSentAt'>, now: Date): Date {
  if (sub.lastSentAt) return sub.lastSentAt;
  const days = sub.cadence === 'DAILY' ? 1 : sub.cadence === 'WEEKLY' ? 7 : 30;
  return new Date(now.getTime() - days * 86_400_000);
}

/**
 * What changed, activation against target, blockers and what is due, per deal: the dashboard's
 * numbers as the subscriber would see them (`audience`: metricAudience of the subscriber, issue 17).
 */
export async function readDigest(db: Db, sub: DigestSubscription, now: Date, audience: MetricAudience): Promise<{ since: Date; deals: DigestDeal[] }> {
  const since = digestSince(sub, now);
  const today = todayIn('UTC', now);
  const deals: DigestDeal[] = [];
  for (const slug of await digestDealSlugs(db, sub)) {
    const dashboard = await findDashboard(slug, {}, today, audience);
    if (!dashboard) continue;
    const changes = await findChangesSince(dashboard.id, since, 'chosen', dashboard.kpis.asOf, today, dashboard.hiddenFields);
    deals.push({ dashboard, changes, due: dueSoon(dashboard, today) });
  }
  return { since, deals };
}

function dueSoon(d: Dashboard, today: IsoDay): { what: string; when: string }[] {
  const until = addDays(today, DUE_WITHIN_DAYS);
  const out: { day: IsoDay; what: string }[] = [];
  for (const m of d.milestones) if (m.status !== 'DONE' && m.dueOn && m.dueOn <= until) out.push({ day: m.dueOn, what: `Milestone: ${m.title}` });
  for (const c of d.checkpoints) {
    if (c.decisionDueOn && !c.decidedOn && c.decisionDueOn <= until) out.push({ day: c.decisionDueOn, what: `Decision: ${c.regulator}` });
    if (c.evidenceExpiresOn && c.evidenceExpiresOn <= until) out.push({ day: c.evidenceExpiresOn, what: `Evidence expires: ${c.regulator}` });
  }
  return out.sort((a, b) => a.day.localeCompare(b.day)).map((x) => ({ what: x.what, when: describeDue(x.day, today).text }));
}

/** The activation line: "12,345 cards to date, 87.3% of target; 1,020 in the last 7 days (previous 7: 990)". */
export function activationWords(d: Dashboard): string {
  const k = d.kpis;
  if (!k.activationShown) return 'not shown to your role (confidential).';
  if (!k.asOf) return 'No activation data yet.';
  const target = !k.targetShown ? 'target confidential' : k.pctOfTarget === null ? 'no target set' : `${formatShareOfTarget(k.pctOfTarget)} of target`;
  return `${formatInteger(k.cardsToDate)} cards to date, ${target}; ${formatInteger(k.last7)} in the last 7 days (previous 7: ${formatInteger(k.previous7)}), as of ${formatDay(k.asOf)}.`;
}

/** The digest as a mail: plain text and HTML with the same content, absolute links, an unsubscribe link. */
export function digestMail(args: { to: string; name: string; since: Date; deals: DigestDeal[]; cadence: DigestSubscription['cadence']; unsubscribeUrl: string; manageUrl: string }): Omit<Mail, 'userId' | 'subscriptionId'> {
  const period = args.cadence === 'DAILY' ? 'Daily' : args.cadence === 'WEEKLY' ? 'Weekly' : 'Monthly';
  const subject = `${period} digest: ${args.deals.length === 1 ? args.deals[0]!.dashboard.name : `${args.deals.length} partnerships`}`;
  const sinceWords = formatInstant(args.since.toISOString());
  const text: string[] = [`${period} digest for ${args.name}, since ${sinceWords}.`, ''];
  const html: string[] = [`<p style="margin:0 0 16px">${period} digest for ${esc(args.name)}, since ${esc(sinceWords)}.</p>`];
  if (!args.deals.length) {
    text.push('You own or watch no partnership yet. Open a partnership in Accord and choose Watch to get it in this digest.');
    html.push('<p>You own or watch no partnership yet. Open a partnership in Accord and choose <strong>Watch</strong> to get it in this digest.</p>');
  }
  for (const { dashboard: d, changes, due } of args.deals) {
    const url = absoluteUrl(`/partnerships/${d.slug}`);
    const k = d.kpis;
    const facts = [
      `Stage: ${STAGE_LABELS[d.stage]} · Health: ${HEALTH_LABELS[d.health.level]}`,
      `Activation: ${activationWords(d)}`,
      `Regions live: ${k.regionsLive} of ${k.regionsTotal} · Approvals pending: ${k.approvalsPending} · Milestones overdue: ${k.milestonesOverdue}`,
    ];
    const blockers = d.health.level === 'on-track' ? [] : d.health.reasons;
    const changed = changes.items.map((c) => `${c.text} (${c.actor}, ${formatInstant(c.at)})`);
    if (changes.dataMovements) changed.push(changes.dataMovements);
    text.push(`== ${d.name} ==`, url, ...facts, '', 'What changed:', ...(changed.length ? changed.map((c) => `- ${c}`) : ['- Nothing changed.']), '');
    if (blockers.length) text.push('Blockers:', ...blockers.map((b) => `- ${b}`), '');
    text.push(`Overdue, or due in the next ${DUE_WITHIN_DAYS} days:`, ...(due.length ? due.map((x) => `- ${x.what}, ${x.when}`) : ['- Nothing.']), '');
    html.push(
      `<h2 style="font-size:18px;margin:24px 0 4px"><a href="${esc(url)}" style="color:#1d4ed8">${esc(d.name)}</a></h2>`,
      ...facts.map((f) => `<p style="margin:2px 0;color:#334155">${esc(f)}</p>`),
      section('What changed', changed, 'Nothing changed.'),
      blockers.length ? section('Blockers', blockers, '') : '',
      section(`Overdue, or due in the next ${DUE_WITHIN_DAYS} days`, due.map((x) => `${x.what}, ${x.when}`), 'Nothing.'),
    );
  }
  text.push('--', `Change or stop this digest: ${args.manageUrl}`, `Unsubscribe in one click: ${args.unsubscribeUrl}`);
  return {
    to: args.to, subject, text: text.join('\n'),
    html: mailPage(subject, html.join('\n'), { manageUrl: args.manageUrl, unsubscribeUrl: args.unsubscribeUrl }),
  };
}

function section(title: string, lines: string[], empty: string): string {
  const body = lines.length ? `<ul style="margin:4px 0 0;padding-left:20px">${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : `<p style="margin:4px 0 0;color:#64748b">${esc(empty)}</p>`;
  return `<h3 style="font-size:14px;margin:12px 0 0">${esc(title)}</h3>${body}`;
}
