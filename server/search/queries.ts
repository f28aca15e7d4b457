import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { SEARCH_KINDS, type SearchAnswer, type SearchKind, type SearchResult } from '@/lib/search';
import type { SearchInput } from '@/lib/schemas/search';
import type { Actor } from '@/server/auth/actor';
import { actorCan } from '@/server/auth/guard';
import { checkpointHit, checkpointsPart, milestoneHit, milestonesPart, organizationHit, organizationsPart, partnershipHit, partnershipsPart } from './deals';
import { documentHit, documentsPart, noteHit, notesPart } from './discussion';
import { compareHits, type Hit, type HitRow } from './hit';
import { runPrepared } from './prepared';
import { peoplePart, personHit, regionCataloguePart, regionHit, rolloutsPart } from './places';
import { snippetAround } from './snippet';
import { searchTerms } from './terms';
import { visiblePartnershipFilter } from './visibility';
import { fieldHiddenSql } from '@/server/access/fields';
import { metricAudience } from '@/server/access/metrics';
import { isPartner } from '@/server/access/scope';

const kindIndex = (kind: SearchKind) => SEARCH_KINDS.indexOf(kind);

/**
 * Search across everything a reader may see (issue 15; docs/decisions/013-search.md), ranked in SQL
 * by pg_trgm. One statement: a part per kind, each served by its trigram indexes and keeping its
 * best page × limit + 1 rows (which holds every row of that kind that can land on this page, and
 * the one after it says whether there is more); merged here in one stable order. One statement, not
 * one per kind: each query through Prisma costs 1–5 ms of its own on the embedded engine.
 */
export async function searchEverything(actor: Actor, input: SearchInput): Promise<SearchAnswer> {
  const terms = searchTerms(input.q);
  const visible = await visiblePartnershipFilter(actor);
  const manager = actorCan(actor, 'users.manage');
  const offset = (input.page - 1) * input.limit;
  const take = offset + input.limit + 1;
  const partner = isPartner(actor);
  // Confidential summaries (issue 17, item 5) are not searched for a reader they are hidden from.
  const summaryHidden = await fieldHiddenSql(metricAudience(actor), 'summary', Prisma.sql`p.id`);
  // A partner user (issue 17) finds their deals, their parties, and the shared milestones,
  // checkpoints and rollouts, each leading to their view of the deal. Not people, documents or
  // notes: a note's text quotes people's addresses, which partners are not given.
  const parts = partner ? [
    partnershipsPart(terms, visible, take, summaryHidden),
    organizationsPart(terms, visible, take),
    checkpointsPart(terms, visible, take, true),
    milestonesPart(terms, visible, take, true),
    rolloutsPart(terms, visible, take),
  ] : [
    partnershipsPart(terms, visible, take, summaryHidden),
    organizationsPart(terms, visible, take),
    checkpointsPart(terms, visible, take),
    milestonesPart(terms, visible, take),
    rolloutsPart(terms, visible, take),
    actorCan(actor, 'regions.manage') && visible === 'all' ? regionCataloguePart(terms, take) : null,
    peoplePart(terms, visible, take, { manager }),
    documentsPart(terms, visible, take),
    notesPart(terms, visible, take),
  ].filter((part) => part !== null);
  const rows = await runPrepared(Prisma.join(parts.map((part) => Prisma.sql`(${part})`), ' UNION ALL '));
  const toHit: Record<SearchKind, (row: HitRow) => Hit> = {
    partnership: partnershipHit, organization: organizationHit, checkpoint: checkpointHit, milestone: milestoneHit,
    region: regionHit, person: (row) => personHit(row, manager), document: documentHit, note: noteHit,
  };
  const ranked = rows.map((row) => toHit[row.kind](row)).map((hit) => (partner ? asPartnerHit(hit) : hit)).sort((a, b) => compareHits(a, b, kindIndex));
  return {
    query: input.q,
    page: input.page,
    results: ranked.slice(offset, offset + input.limit).map((hit) => toResult(hit, input.q)),
    hasMore: ranked.length > offset + input.limit,
  };
}

/** Partner users open the deal's partner view: its sections stand for the internal pages. */
function asPartnerHit(hit: Hit): Hit {
  const part = hit.href ? /^(\/partnerships\/[^/]+)\/(milestones|checkpoints|rollouts)\/[^/#]+/.exec(hit.href) : null;
  if (part) return { ...hit, href: `${part[1]}#${{ milestones: 'your-milestones', checkpoints: 'checkpoints', rollouts: 'rollout' }[part[2] as 'milestones']}` };
  if (hit.kind === 'organization') return { ...hit, href: '/' };
  return hit;
}

function toResult({ detail, tiebreak: _tiebreak, ...hit }: Hit, query: string): SearchResult {
  const snippet = detail ? snippetAround(detail, query) : null;
  return { ...hit, score: Math.round(hit.score * 1000) / 1000, snippet: snippet && snippet !== hit.title ? snippet : null };
}
