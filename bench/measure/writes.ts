import { seededRandom } from '@/tests/factories/random';
import { request } from '../http';
import { round, summarize } from '../stats';

export type WritesResult = {
  slug: string;
  connections: number;
  durationSeconds: number;
  pool: number;
  attempts: number;
  updated: number; // 200
  conflicts: number; // 409: a concurrent edit won; expected, not an error
  serverErrors: number; // 5xx
  otherErrors: number; // other statuses and network errors
  perSecond: number;
  p50: number;
  p95: number;
  runTag: string;
  /** Filled in after the app stops, from SQL: audit rows and versions must match `updated`. */
  verification: { auditRows: number; versionIncrements: number; mismatches: number } | null;
  versionsBefore: number;
};

type Milestone = { id: string; version: number };

/**
 * PATCH /api/v1/milestones/{id} from 20 connections for a fixed time, as a business-development
 * script would: each request sends the version it last saw of a milestone picked at random from
 * one partnership's milestones; a 409 (someone else's edit won) refreshes that version. Every
 * request changes the title (to a value naming this run), so every success must leave exactly one
 * audit row and one version increment, which verifyWrites counts in SQL afterwards.
 */
export async function measureWrites(ctx: { slug: string; token: string; connections: number; durationSeconds: number; log: (line: string) => void }): Promise<WritesResult> {
  const headers = { authorization: `Bearer ${ctx.token}` };
  const list = await request('GET', `/api/v1/partnerships/${ctx.slug}/milestones`, { headers });
  if (list.status !== 200) throw new Error(`Listing milestones answered ${list.status}`);
  const pool = (JSON.parse(list.body) as { milestones: Milestone[] }).milestones.map((m) => ({ id: m.id, version: m.version }));
  const versionsBefore = pool.reduce((s, m) => s + m.version, 0);
  const runTag = `bench-${Date.now().toString(36)}`;
  const counts = { attempts: 0, updated: 0, conflicts: 0, serverErrors: 0, otherErrors: 0 };
  const latencies: number[] = [];
  const deadline = performance.now() + ctx.durationSeconds * 1000;
  const random = seededRandom(7);
  const pick = () => pool[Math.floor(random() * pool.length)]!;

  const worker = async (w: number) => {
    for (let n = 0; performance.now() < deadline; n++) {
      const m = pick();
      counts.attempts++;
      try {
        const reply = await request('PATCH', `/api/v1/milestones/${m.id}`, { headers, body: { version: m.version, title: `${runTag} w${w} #${n}` } });
        latencies.push(reply.ms);
        const body = reply.body ? (JSON.parse(reply.body) as { version?: number }) : {};
        if (reply.status === 200) {
          counts.updated++;
          if (body.version && body.version > m.version) m.version = body.version;
        } else if (reply.status === 409) {
          counts.conflicts++;
          if (body.version && body.version > m.version) m.version = body.version;
        } else if (reply.status >= 500) counts.serverErrors++;
        else counts.otherErrors++;
      } catch {
        counts.otherErrors++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: ctx.connections }, (_, w) => worker(w)));
  const seconds = (performance.now() - started) / 1000;
  const s = summarize(latencies);
  const result: WritesResult = {
    slug: ctx.slug, connections: ctx.connections, durationSeconds: ctx.durationSeconds, pool: pool.length, ...counts,
    perSecond: round(counts.updated / seconds, 1), p50: s.p50, p95: s.p95, runTag, verification: null, versionsBefore,
  };
  ctx.log(
    `  writes @${ctx.connections}: ${result.perSecond} updates/s (${counts.updated} updated, ${counts.conflicts} conflicts (409), ` +
      `${counts.serverErrors} 5xx, ${counts.otherErrors} other errors), p50 ${s.p50} ms, p95 ${s.p95} ms`,
  );
  return result;
}

/** SQL on the bench database (after the app stopped): successes must equal new audit rows and version increments. */
export async function verifyWrites(
  result: WritesResult,
  query: (sql: string, ...params: unknown[]) => Promise<Record<string, unknown>[]>,
): Promise<WritesResult['verification']> {
  const [audit] = await query(
    `SELECT count(*)::int AS n FROM audit_events WHERE action = 'milestone.updated' AND after->>'title' LIKE $1`,
    `${result.runTag} %`,
  );
  const [versions] = await query(
    `SELECT coalesce(sum(m.version), 0)::int AS v FROM milestones m JOIN partnerships p ON p.id = m."partnershipId" WHERE p.slug = $1 AND m."deletedAt" IS NULL`,
    result.slug,
  );
  const auditRows = Number(audit!.n);
  const versionIncrements = Number(versions!.v) - result.versionsBefore;
  // A lost update would show as a success without its audit row or version increment (or the reverse).
  return { auditRows, versionIncrements, mismatches: Math.abs(result.updated - auditRows) + Math.abs(result.updated - versionIncrements) };
}
