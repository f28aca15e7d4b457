import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { ROLE_LABELS, ROLLOUT_STATUS_LABELS, type Role, type RolloutStatus } from '@/lib/domain';
import { baseOf, placeOf, type Hit, type HitRow } from './hit';
import { candidates, columnScore, topRows, type SearchColumn, type SearchTerms } from './terms';
import { visibleSql, type PartnershipVisibility } from './visibility';

// Regions (a deal's rollout there, and the catalogue) and people.

const col = (sql: string) => Prisma.raw(sql);
const REGION_COLUMNS: SearchColumn[] = [{ name: 'name', holds: 'name' }, { name: 'code', holds: 'code' }];

/** A region where a visible deal rolls out: one result per rollout, on its page. */
export function rolloutsPart(t: SearchTerms, visible: PartnershipVisibility, take: number): Prisma.Sql {
  const scored = Prisma.sql`
    SELECT r.id, g.name, g.code, r.status::text AS status, p.slug, p.name AS deal,
      ${columnScore(col('g.name'), t, 0)} AS s1, ${columnScore(col('g.code'), t, 1, 0.9)} AS s2
    FROM ${candidates('regions', REGION_COLUMNS, t)} h JOIN regions g ON g.id = h.id
      JOIN rollouts r ON r."regionId" = g.id JOIN partnerships p ON p.id = r."partnershipId"
    WHERE ${visibleSql(visible, col('p.id'))}`;
  return Prisma.sql`
    SELECT 'region' AS kind, id, name || ' (' || code || ')' AS title, deal AS tiebreak, score, NULL AS detail,
      jsonb_build_object('slug', slug, 'deal', deal, 'status', status) AS info
    FROM (${topRows(scored, 'greatest(s1, s2)', 'deal', take)}) x`;
}

/** The region catalogue itself: only for those who keep it (its page is theirs). */
export function regionCataloguePart(t: SearchTerms, take: number): Prisma.Sql {
  const scored = Prisma.sql`
    SELECT 'region-' || g.id AS id, g.name, g.code, ${columnScore(col('g.name'), t, 0)} AS s1, ${columnScore(col('g.code'), t, 1, 0.9)} AS s2
    FROM ${candidates('regions', REGION_COLUMNS, t)} h JOIN regions g ON g.id = h.id`;
  // Catalogue ids are numbers: the prefix keeps them apart from the rollouts' ids.
  return Prisma.sql`
    SELECT 'region' AS kind, id, name || ' (' || code || ')' AS title, name AS tiebreak, score, NULL AS detail,
      jsonb_build_object('catalogue', true) AS info
    FROM (${topRows(scored, 'greatest(s1, s2)', 'name', take)}) x`;
}

export function regionHit(r: HitRow): Hit {
  if (r.info.catalogue) return { ...baseOf(r), kind: 'region', where: 'Region catalogue', href: '/admin/regions' };
  const info = r.info as { slug: string; deal: string; status: RolloutStatus };
  return { ...baseOf(r), kind: 'region', where: placeOf(info.deal, 'Rollout', ROLLOUT_STATUS_LABELS[info.status]), href: `/partnerships/${info.slug}/rollouts/${r.id}` };
}

/**
 * People by name or address: the active ones; deactivated ones only for those who manage people
 * (their page, the users list, is the only place that shows them). A reader who sees only some
 * deals (a partner, later) finds no one here.
 */
export function peoplePart(t: SearchTerms, visible: PartnershipVisibility, take: number, options: { manager: boolean }): Prisma.Sql | null {
  if (visible !== 'all') return null;
  const active = options.manager ? Prisma.sql`TRUE` : Prisma.sql`u."deactivatedAt" IS NULL`;
  const scored = Prisma.sql`
    SELECT u.id, u.name, u.email, u.role::text AS role, u."deactivatedAt" IS NOT NULL AS deactivated,
      ${columnScore(col('u.name'), t, 0)} AS s1, ${columnScore(col('u.email'), t, 1, 0.9)} AS s2
    FROM ${candidates('users', [{ name: 'name', holds: 'name' }, { name: 'email' }], t)} h JOIN users u ON u.id = h.id
    WHERE ${active}`;
  return Prisma.sql`
    SELECT 'person' AS kind, id, name AS title, name AS tiebreak, score, lower(email) AS detail,
      jsonb_build_object('role', role, 'deactivated', deactivated) AS info
    FROM (${topRows(scored, 'greatest(s1, s2)', 'name', take)}) x`;
}

/** `manager`: the reader manages people, and so may open the users page. */
export function personHit(r: HitRow, manager: boolean): Hit {
  const info = r.info as { role: Role; deactivated: boolean };
  return {
    ...baseOf(r), kind: 'person', where: placeOf('People', ROLE_LABELS[info.role], info.deactivated ? 'deactivated' : null),
    href: manager ? '/admin/users' : null,
  };
}
