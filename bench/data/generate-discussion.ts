import { END_DAY, type Profile } from '../config';
import { day, lit, specCte, specRows } from './sql';

const OWNERS = 12;
const NOW = `TIMESTAMP '2026-11-01 00:00:00'`;
const owner = (n: string) => `'bench-owner-' || lpad((1 + (${n}) % ${OWNERS})::text, 2, '0')`;
const pick = (words: string[], n: string) => `(ARRAY[${words.map(lit).join(', ')}])[1 + (${n}) % ${words.length}]`;

// Word lists of coprime lengths, so notes read differently for a long while (search ranks them).
const OPENERS = ['Call with', 'Met', 'Email from', 'Workshop with', 'Follow-up with'];
const WHO = ['their legal team', 'the regulator', 'the issuing bank', 'the acquirer', 'our counsel', 'product', 'the card network', 'compliance'];
const TOPICS = [
  'the term sheet', 'the payment licence', 'NFC acceptance', 'QR acceptance', 'the merchant pilot', 'data residency', 'settlement times',
  'chargeback rules', 'card tokenisation', 'KYC checks', 'the security assessment', 'the fee schedule', 'the marketing launch',
  'issuer onboarding', 'the regulator questions', 'stored-value safeguarding', 'cross-border data transfer',
];
const OUTCOMES = ['agreed the next draft', 'asked for more evidence', 'raised no objection', 'want a revised timeline', "need their board's approval", 'signed off the scope', 'flagged a fraud risk'];
const FILES = ['Licence approval', 'Term sheet', 'Security assessment', 'Data protection impact assessment', 'Merchant agreement', 'Board minutes', 'Fee schedule', 'Safeguarding plan', 'Pilot report'];

/**
 * Notes and documents around the deals (issue 15's bench: ~1,000 notes and ~500 documents), spread
 * over every partnership: notes on the partnership, a milestone, a checkpoint or a rollout, some
 * deleted; documents as evidence on a checkpoint or the partnership's own, one small text chunk
 * each with its real SHA-256 (so a download verifies), some deleted.
 */
export function discussionStatements(profile: Profile): string[] {
  const cte = specCte(specRows(profile));
  const spread = (count: number) => `x AS (
      SELECT i, s.pid, s.nmilestones, s.nregions, i / c.n AS k
      FROM generate_series(1, ${count}) i CROSS JOIN (SELECT count(*)::int AS n FROM spec) c JOIN spec s ON s.pi = i % c.n
    )`;
  return [
    `INSERT INTO notes (id, "partnershipId", "subjectType", "subjectId", "authorId", body, "deletedAt", "deletedById", version, "createdAt", "updatedAt")
     WITH ${cte}, ${spread(profile.notes)}
     SELECT 'bench-note-' || lpad(i::text, 5, '0'), x.pid,
       (ARRAY['PARTNERSHIP', 'MILESTONE', 'CHECKPOINT', 'ROLLOUT'])[1 + i % 4]::"NoteSubject",
       CASE i % 4 WHEN 0 THEN x.pid WHEN 1 THEN x.pid || '-m' || lpad((1 + x.k % x.nmilestones)::text, 4, '0')
         WHEN 2 THEN x.pid || '-c-' || r.code ELSE x.pid || '-r-' || r.code END,
       ${owner('i')},
       ${pick(OPENERS, 'i')} || ' ' || ${pick(WHO, 'i')} || ' about ' || ${pick(TOPICS, 'i')} || ' in ' || r.name || ': they '
         || ${pick(OUTCOMES, 'i')} || '.' || CASE WHEN i % 3 = 0 THEN E'\\n\\nNext: **' || ${pick(TOPICS, 'i + 5')} || '** before ' || (${day(END_DAY)} + i % 90)::text || '.' ELSE '' END,
       CASE WHEN i % 40 = 0 THEN ${NOW} END, CASE WHEN i % 40 = 0 THEN ${owner('i')} END, 1,
       ${NOW} - i * interval '7 hours', ${NOW} - i * interval '7 hours'
     FROM x JOIN reg r ON r.ri = x.k % x.nregions`,
    `INSERT INTO documents (id, "partnershipId", "checkpointId", "fileName", "contentType", "sizeBytes", sha256, "expiresOn", "seriesId",
       "versionNumber", "uploadedById", "deletedAt", "createdAt")
     WITH ${cte}, ${spread(profile.documents)}
     SELECT d.id, d.pid, d.checkpoint, d.name, 'text/plain', octet_length(d.content), encode(sha256(d.content), 'hex'),
       CASE WHEN d.checkpoint IS NOT NULL THEN ${day(END_DAY)} + 200 + d.i % 300 END, d.id, 1, ${owner('d.i')},
       CASE WHEN d.i % 50 = 0 THEN ${NOW} END, ${NOW} - d.i * interval '13 hours'
     FROM (
       SELECT i, x.pid, 'bench-doc-' || lpad(i::text, 5, '0') AS id,
         CASE WHEN i % 3 <> 0 THEN x.pid || '-c-' || r.code END AS checkpoint,
         ${pick(FILES, 'i')} || ' ' || r.name || ' ' || i || '.txt' AS name,
         convert_to('Bench document ' || i || E'\\n', 'UTF8') AS content
       FROM x JOIN reg r ON r.ri = x.k % x.nregions
     ) d`,
    `INSERT INTO document_chunks ("documentId", seq, bytes)
     SELECT id, 0, convert_to('Bench document ' || ltrim(substr(id, 11), '0') || E'\\n', 'UTF8') FROM documents WHERE id LIKE 'bench-doc-%'`,
  ];
}
