import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { notePageHref } from '@/components/notes/subject-link';
import { SUBJECT_KIND } from '@/server/notes/subjects';
import { baseOf, placeOf, type Hit, type HitRow } from './hit';
import { plainText, shorten } from './snippet';
import { candidates, columnScore, topRows, type SearchTerms } from './terms';
import { visibleSql, type PartnershipVisibility } from './visibility';

// Notes and document names: what people said and filed about a deal.

const col = (sql: string) => Prisma.raw(sql);

/**
 * Notes that are not deleted, on a thing that still exists (a note on a deleted milestone is not
 * shown on any page, so search does not offer it either). Where each lives is looked up for the
 * kept rows only.
 */
export function notesPart(t: SearchTerms, visible: PartnershipVisibility, take: number): Prisma.Sql {
  const scored = Prisma.sql`
    SELECT n.id, n.body, n."subjectType", n."subjectId", n."partnershipId", n."authorId", ${columnScore(col('n.body'), t, 0, 0.8)} AS s1
    FROM ${candidates('notes', [{ name: 'body', holds: 'text' }], t)} h JOIN notes n ON n.id = h.id
    WHERE n."deletedAt" IS NULL AND ${visibleSql(visible, col('n."partnershipId"'))}
      AND CASE n."subjectType"
            WHEN 'MILESTONE' THEN EXISTS (SELECT 1 FROM milestones m WHERE m.id = n."subjectId" AND m."deletedAt" IS NULL)
            WHEN 'CHECKPOINT' THEN EXISTS (SELECT 1 FROM regulatory_checkpoints c WHERE c.id = n."subjectId")
            WHEN 'ROLLOUT' THEN EXISTS (SELECT 1 FROM rollouts r WHERE r.id = n."subjectId")
            ELSE TRUE END`;
  return Prisma.sql`
    SELECT 'note' AS kind, x.id, x.body AS title, '' AS tiebreak, x.score, x.body AS detail,
      jsonb_build_object('slug', p.slug, 'deal', p.name, 'author', a.name, 'subjectType', x."subjectType", 'subjectId', x."subjectId",
        'subject', CASE x."subjectType"
          WHEN 'MILESTONE' THEN (SELECT m.title FROM milestones m WHERE m.id = x."subjectId")
          WHEN 'CHECKPOINT' THEN (SELECT c.regulator FROM regulatory_checkpoints c WHERE c.id = x."subjectId")
          WHEN 'ROLLOUT' THEN (SELECT g.name || ' rollout' FROM rollouts r JOIN regions g ON g.id = r."regionId" WHERE r.id = x."subjectId")
        END) AS info
    FROM (${topRows(scored, 's1', "''", take)}) x
      JOIN partnerships p ON p.id = x."partnershipId" JOIN users a ON a.id = x."authorId"`;
}

export function noteHit(r: HitRow): Hit {
  const info = r.info as { slug: string; deal: string; author: string; subjectType: keyof typeof SUBJECT_KIND; subjectId: string; subject: string | null };
  const subject = { type: SUBJECT_KIND[info.subjectType], id: info.subjectId };
  return {
    ...baseOf(r), kind: 'note', title: shorten(plainText(r.title).split('\n')[0] ?? '', 80),
    where: placeOf(info.deal, info.subject, `note by ${info.author}`), href: `${notePageHref(info.slug, subject)}#note-${r.id}`,
  };
}

/** Document names, every version kept (a superseded one ranks just below the current one). */
export function documentsPart(t: SearchTerms, visible: PartnershipVisibility, take: number): Prisma.Sql {
  const scored = Prisma.sql`
    SELECT d.id, d."fileName", d."versionNumber", d."supersededAt" IS NOT NULL AS superseded, d."partnershipId", d."checkpointId",
      ${columnScore(col('d."fileName"'), t, 0)} * CASE WHEN d."supersededAt" IS NULL THEN 1 ELSE 0.9 END AS s1
    FROM ${candidates('documents', [{ name: '"fileName"', holds: 'name' }], t)} h JOIN documents d ON d.id = h.id
    WHERE d."deletedAt" IS NULL AND ${visibleSql(visible, col('d."partnershipId"'))}`;
  return Prisma.sql`
    SELECT 'document' AS kind, x.id, x."fileName" AS title, x."fileName" AS tiebreak, x.score, NULL AS detail,
      jsonb_build_object('deal', p.name, 'regulator', (SELECT c.regulator FROM regulatory_checkpoints c WHERE c.id = x."checkpointId"),
        'version', x."versionNumber", 'superseded', x.superseded) AS info
    FROM (${topRows(scored, 's1', '"fileName"', take)}) x JOIN partnerships p ON p.id = x."partnershipId"`;
}

export function documentHit(r: HitRow): Hit {
  const info = r.info as { deal: string; regulator: string | null; version: number; superseded: boolean };
  const version = info.version > 1 || info.superseded ? `version ${info.version}${info.superseded ? ', superseded' : ''}` : null;
  return {
    ...baseOf(r), kind: 'document', where: placeOf(info.deal, info.regulator ? `${info.regulator} (evidence)` : 'Documents', version),
    href: `/api/v1/documents/${r.id}/content`,
  };
}
