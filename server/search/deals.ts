import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { CHECKPOINT_STATUS_LABELS, MILESTONE_STATUS_LABELS, STAGE_LABELS, type CheckpointStatus, type MilestoneStatus, type PartnershipStage } from '@/lib/domain';
import { baseOf, placeOf, type Hit, type HitRow } from './hit';
import { candidates, columnScore, topRows, valueScore, type SearchTerms } from './terms';
import { visibleSql, type PartnershipVisibility } from './visibility';

// Partnerships, organizations, milestones and regulatory checkpoints: what a deal is made of.
// Each part ranks its own kind and keeps its best `take` rows as HitRows (server/search/queries.ts
// runs every part in one statement and merges them); `h` is the kind's candidates with the columns
// that matched (server/search/terms.ts).

const col = (sql: string) => Prisma.raw(sql);

/**
 * `summaryHidden`: a condition on `p.id`, true where the deal's summary is confidential to the reader
 * (server/access/fields.ts, issue 17 item 5): such a summary neither matches, ranks nor is shown.
 */
export function partnershipsPart(t: SearchTerms, visible: PartnershipVisibility, take: number, summaryHidden: Prisma.Sql = Prisma.sql`FALSE`): Prisma.Sql {
  const scored = Prisma.sql`
    SELECT p.id, p.slug, p.name, CASE WHEN z.hidden THEN NULL ELSE p.summary END AS summary, p.stage::text AS stage,
      ${columnScore(col('p.name'), t, 0)} AS s1, ${columnScore(col('p.slug'), t, 1, 0.9)} AS s2,
      CASE WHEN z.hidden THEN 0 ELSE ${columnScore(col('p.summary'), t, 2, 0.8)} END AS s3
    FROM ${candidates('partnerships', [{ name: 'name', holds: 'name' }, { name: 'slug' }, { name: 'summary', holds: 'text' }], t)} h
      JOIN partnerships p ON p.id = h.id
      CROSS JOIN LATERAL (SELECT ${summaryHidden} AS hidden) z
    WHERE ${visibleSql(visible, col('p.id'))} AND (NOT z.hidden OR h.cols & 3 <> 0)`;
  return Prisma.sql`
    SELECT 'partnership' AS kind, id, name AS title, name AS tiebreak, score, CASE WHEN s3 > greatest(s1, s2) THEN summary END AS detail,
      jsonb_build_object('slug', slug, 'stage', stage) AS info
    FROM (${topRows(scored, 'greatest(s1, s2, s3)', 'name', take)}) x`;
}

export function partnershipHit(r: HitRow): Hit {
  const info = r.info as { slug: string; stage: PartnershipStage };
  return { ...baseOf(r), kind: 'partnership', where: placeOf('Portfolio', STAGE_LABELS[info.stage]), href: `/partnerships/${info.slug}` };
}

export function organizationsPart(t: SearchTerms, visible: PartnershipVisibility, take: number): Prisma.Sql {
  // A reader who sees only some deals sees only the organizations that are party to one of them.
  const party = visible === 'all' ? Prisma.sql`TRUE`
    : Prisma.sql`EXISTS (SELECT 1 FROM partnership_parties pp WHERE pp."organizationId" = o.id AND ${visibleSql(visible, col('pp."partnershipId"'))})`;
  const scored = Prisma.sql`
    SELECT o.id, o.name, ${columnScore(col('o.name'), t, 0)} AS s1
    FROM ${candidates('organizations', [{ name: 'name', holds: 'name' }], t)} h JOIN organizations o ON o.id = h.id
    WHERE ${party}`;
  return Prisma.sql`
    SELECT 'organization' AS kind, id, name AS title, name AS tiebreak, score, NULL AS detail,
      jsonb_build_object(
        'deals', (SELECT count(*) FROM partnership_parties pp WHERE pp."organizationId" = x.id AND ${visibleSql(visible, col('pp."partnershipId"'))}),
        'deal', (SELECT min(p.name) FROM partnership_parties pp JOIN partnerships p ON p.id = pp."partnershipId"
                 WHERE pp."organizationId" = x.id AND ${visibleSql(visible, col('p.id'))})) AS info
    FROM (${topRows(scored, 's1', 'name', take)}) x`;
}

export function organizationHit(r: HitRow): Hit {
  const { deals, deal } = r.info as { deals: number; deal: string | null };
  const party = deals === 0 ? 'no deals' : deals === 1 ? `party to ${deal}` : `party to ${deal} and ${deals - 1} more`;
  return { ...baseOf(r), kind: 'organization', where: placeOf('Organizations', party), href: `/organizations/${r.id}` };
}

export function milestonesPart(t: SearchTerms, visible: PartnershipVisibility, take: number, sharedOnly = false): Prisma.Sql {
  // Titles repeat across deals (a template's "Security review"): each distinct title is ranked once.
  const scored = Prisma.sql`
    WITH r AS MATERIALIZED (
      SELECT m.id, m.title, m.description, m.status::text AS status, m."partnershipId", h.cols
      FROM ${candidates('milestones', [{ name: 'title', holds: 'name' }, { name: 'description', holds: 'text' }], t)} h
        JOIN milestones m ON m.id = h.id
      WHERE m."deletedAt" IS NULL AND ${visibleSql(visible, col('m."partnershipId"'))} AND ${sharedOnly ? Prisma.sql`m."sharedWithPartners"` : Prisma.sql`TRUE`}
    ),
    titles AS (SELECT v, ${valueScore(col('v'), t)} AS s FROM (SELECT DISTINCT title AS v FROM r WHERE cols & 1 <> 0) d)
    SELECT h.id, h.title, h.description, h.status, h."partnershipId", coalesce(g.s, 0) AS s1, ${columnScore(col('h.description'), t, 1, 0.8)} AS s2
    FROM r h LEFT JOIN titles g ON g.v = h.title`;
  return Prisma.sql`
    SELECT 'milestone' AS kind, x.id, x.title, x.title AS tiebreak, x.score, CASE WHEN x.s2 > x.s1 THEN x.description END AS detail,
      jsonb_build_object('slug', p.slug, 'deal', p.name, 'status', x.status) AS info
    FROM (${topRows(scored, 'greatest(s1, s2)', 'title', take)}) x JOIN partnerships p ON p.id = x."partnershipId"`;
}

export function milestoneHit(r: HitRow): Hit {
  const info = r.info as { slug: string; deal: string; status: MilestoneStatus };
  return {
    ...baseOf(r), kind: 'milestone', where: placeOf(info.deal, 'Milestones', MILESTONE_STATUS_LABELS[info.status]),
    href: `/partnerships/${info.slug}/milestones/${r.id}`,
  };
}

export function checkpointsPart(t: SearchTerms, visible: PartnershipVisibility, take: number, sharedOnly = false): Prisma.Sql {
  // One regulator files for many deals, and requirements repeat: each distinct one is ranked once
  // (the bench's 1,600 checkpoints share 60 regulators and one requirement).
  const scored = Prisma.sql`
    WITH r AS MATERIALIZED (
      SELECT c.id, c.regulator, c.requirement, c.conditions, c.jurisdiction, c.status::text AS status, c."partnershipId", h.cols
      FROM ${candidates('regulatory_checkpoints', [
        { name: 'regulator', holds: 'name', repeats: true }, { name: 'requirement', repeats: true }, { name: 'conditions', holds: 'text' }, { name: 'jurisdiction', holds: 'code' },
      ], t)} h
        JOIN regulatory_checkpoints c ON c.id = h.id
      WHERE ${visibleSql(visible, col('c."partnershipId"'))} AND ${sharedOnly ? Prisma.sql`c."sharedWithPartners"` : Prisma.sql`TRUE`}
    ),
    regulators AS (SELECT v, ${valueScore(col('v'), t)} AS s FROM (SELECT DISTINCT regulator AS v FROM r WHERE cols & 1 <> 0) d),
    requirements AS (SELECT v, ${valueScore(col('v'), t, 0.9)} AS s FROM (SELECT DISTINCT requirement AS v FROM r WHERE cols & 2 <> 0) d)
    SELECT h.*, coalesce(g.s, 0) AS s1, coalesce(q.s, 0) AS s2, ${columnScore(col('h.conditions'), t, 2, 0.8)} AS s3,
      ${columnScore(col('h.jurisdiction'), t, 3, 0.7)} AS s4
    FROM r h LEFT JOIN regulators g ON g.v = h.regulator LEFT JOIN requirements q ON q.v = h.requirement`;
  // The requirement says what the filing is; the conditions instead when they matched better.
  return Prisma.sql`
    SELECT 'checkpoint' AS kind, x.id, x.regulator || ' (' || x.jurisdiction || ')' AS title, x.regulator AS tiebreak, x.score,
      CASE WHEN x.s3 > x.s2 THEN x.conditions ELSE x.requirement END AS detail,
      jsonb_build_object('slug', p.slug, 'deal', p.name, 'status', x.status) AS info
    FROM (${topRows(scored, 'greatest(s1, s2, s3, s4)', 'regulator', take)}) x JOIN partnerships p ON p.id = x."partnershipId"`;
}

export function checkpointHit(r: HitRow): Hit {
  const info = r.info as { slug: string; deal: string; status: CheckpointStatus };
  return {
    ...baseOf(r), kind: 'checkpoint', where: placeOf(info.deal, 'Regulatory board', CHECKPOINT_STATUS_LABELS[info.status]),
    href: `/partnerships/${info.slug}/checkpoints/${r.id}`,
  };
}
