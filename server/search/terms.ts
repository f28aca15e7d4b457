import 'server-only';
import { Prisma } from '@/generated/prisma/client';

/**
 * How a text column matches a query, and how well (docs/decisions/013-search.md). pg_trgm lives in
 * the `extensions` schema (migration 20261202103000_search), so its operators and functions are
 * named with it: the app's search_path may be a schema of its own (tests, `?schema=`).
 *
 * A row is a candidate when one of its columns matches in one of these ways, each served by the
 * column's GIN trigram index (`candidates`):
 * - the column contains the query as typed (ILIKE '%q%', with %, _ and \ escaped): partial words,
 *   punctuation; a query of one or two characters only where a word starts with it;
 * - the query is close to a run of its words (`q <% col`, word similarity ≥ 0.6): "Alipy", "Alip";
 * - a name or title is close to a query of several words as a whole (`q % col`, similarity
 *   ≥ 0.3): several misspelt words, "Peoples Bnak of Chna"; or has a word close to at least half
 *   of the query's words of three letters or more (`mostWords`; for three words or more, only
 *   while the whole query matched fewer than MOST_WORDS_UNDER rows of the column): "peoples bnak";
 * - a long text (a summary, a note) holds every word of a query of several words, each close to
 *   one of its words (`w <% col` for each): words in another order or far apart ("licence PBOC");
 * - a code (CN, HK) equals the query.
 * The query's values reach these conditions as sub-selects, not as constants: planning then uses a
 * default estimate instead of running the trigram operators over the column statistics (10–90 ms
 * per query measured on the bench data), and GIN index scans take the value when they start.
 *
 * Rank (`columnScore`, on the candidates' matching columns only: ranking is what costs, when a
 * query matches many rows): the word similarity of the whole query, plus 1 for an equal column, 0.6
 * when it starts with the query, 0.4 when it contains it; times the column's weight.
 */
export type SearchTerms = {
  q: string; lower: string; like: string; prefix: string; wordStart: string; words: string[];
  /** The words of three characters or more: what a name is matched on word by word. */
  namingWords: string[];
};

const MAX_WORDS = 6;

/**
 * "Most words" (below) is asked only when the whole query matched fewer rows than this in the
 * column: past that many, the name was found as typed and the reader narrows the query; and on the
 * bench's 500 alike names ("Early Deal 17 (bench)"), checking every row once per word was a third
 * of a search's work (docs/decisions/013-search.md, addendum 2026-12-06).
 */
export const MOST_WORDS_UNDER = 100;

export function searchTerms(query: string): SearchTerms {
  const escaped = query.replace(/[\\%_]/g, (c) => `\\${c}`);
  const words = [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, MAX_WORDS);
  const namingWords = words.filter((w) => w.length >= 3);
  return { q: query, lower: query.toLowerCase(), like: `%${escaped}%`, prefix: `${escaped}%`, wordStart: `% ${escaped}%`, words, namingWords };
}

const WORD_SIMILAR = Prisma.raw('OPERATOR(extensions.<%)');
const SIMILAR = Prisma.raw('OPERATOR(extensions.%)');
/** `col %> q` is `q <% col` (the query close to a run of the column's words), column first. */
const WORD_SIMILAR_COLUMN = Prisma.raw('OPERATOR(extensions.%>)');
const late = (value: string) => Prisma.sql`(SELECT ${value}::text)`;

/**
 * A searched column, by what it holds:
 * - `name` (a name or title): also compared whole with a query of several words, which finds a
 *   name with several misspelt words;
 * - `text` (a summary, a description, a note): also matches a query's words one by one;
 * - `code` (a country or region code): equal to the query, ignoring case, and nothing else;
 * - neither (an address, a web address, a one-line requirement): contains it, or is close to it.
 * Whole-text similarity on the last two found nothing the other ways did not, and cost a recheck
 * of every row whose trigrams are common (the bench's 1,600 alike requirements).
 */
export type SearchColumn = {
  name: string; holds?: 'name' | 'text' | 'code';
  /**
   * The column repeats a few values over many rows (a regulator, a requirement) and has a b-tree
   * index: its distinct values are read in index order and each is matched once, instead of a
   * trigram index scan that rechecks every row (`distinctMatches`).
   */
  repeats?: boolean;
};

/**
 * `(SELECT id, cols …)`: the rows of `table` that match (see above), each with a bit set in `cols`
 * for each column that matched (bit i for columns[i]), so only those columns are ranked. Per column,
 * one scan for the whole query's conditions (a BitmapOr of the trigram index's scans, each row
 * tested once), and one per other condition (the words of a text, "most words" of a name of three
 * words or more). The OR needs `search_run`'s operator price (migration 20261204010000_search_arms):
 * priced lower, a table of a few pages (partnerships, documents) looked cheaper to read whole,
 * testing every row. Join it as `h` and rank with `columnScore(…, i)`.
 */
export function candidates(table: string, columns: SearchColumn[], t: SearchTerms, id = 'id'): Prisma.Sql {
  const scans: Prisma.Sql[] = [];
  const named: Prisma.Sql[] = []; // whole-query scans that "most words" is gated on, as CTEs
  const several = t.words.length > 1;
  columns.forEach(({ name, holds, repeats }, i) => {
    const from = Prisma.raw(`SELECT ${id} AS id, ${1 << i} AS col FROM ${table} WHERE`);
    const column = Prisma.raw(name);
    if (holds === 'code') return void scans.push(Prisma.sql`${from} upper(${column}) = upper(${late(t.q)})`);
    if (repeats) return void scans.push(distinctMatches(table, id, name, 1 << i, holds, t));
    if (t.q.length < 3) {
      // Someone still typing: a word that starts with it. A plain pattern, no similarity to compute
      // (the bench's two letters matched thousands of rows, and that computation was the cost).
      scans.push(Prisma.sql`${from} ${column} ILIKE ${late(t.prefix)}`, Prisma.sql`${from} ${column} ILIKE ${late(t.wordStart)}`);
      return;
    }
    // The whole query's conditions (and, for a name and two words, "either word"), OR-ed in one
    // scan: a bitmap of their index scans, then each row tested once, in this order, stopping at
    // the first that holds (a templated title found by all of them costs one similarity, not four).
    // Written column first, as the index conditions are: the planner then recognises the OR as the
    // bitmap's own recheck and evaluates it once; written `q <% col`, it tested each row twice
    // (as the recheck and again as a filter). See docs/decisions/013-search.md.
    const whole = [Prisma.sql`${column} ILIKE ${late(t.like)}`];
    if (holds === 'name' && several) whole.push(Prisma.sql`${column} ${SIMILAR} ${late(t.q)}`);
    whole.push(Prisma.sql`${column} ${WORD_SIMILAR_COLUMN} ${late(t.q)}`);
    const anyWord = holds === 'name' && t.namingWords.length === 2; // half of two words: either
    if (anyWord) for (const w of t.namingWords) whole.push(Prisma.sql`${column} ${WORD_SIMILAR_COLUMN} ${late(w)}`);
    const wholeScan = Prisma.sql`${from} (${Prisma.join(whole, ' OR ')})`;
    if (holds === 'name' && t.namingWords.length > 2) {
      // "Most words" is the fallback for a name the whole query missed: asked only when the whole
      // query found fewer than MOST_WORDS_UNDER rows in this column (its scan kept as a CTE, the
      // count an InitPlan, the per-word scans skipped when it is false). A constant, not the page:
      // every page of one search ranks the same set, so pages never repeat or skip a result.
      const cte = Prisma.raw(`w${i}`);
      named.push(Prisma.sql`${cte} AS MATERIALIZED (${wholeScan})`);
      scans.push(Prisma.sql`SELECT id, col FROM ${cte}`);
      const few = Prisma.raw(String(MOST_WORDS_UNDER));
      const gate = Prisma.sql`(SELECT count(*) FROM (SELECT 1 FROM ${cte} LIMIT ${few}) f) < ${few}`;
      scans.push(mostWords(table, id, column, 1 << i, t.namingWords, gate));
    } else {
      scans.push(wholeScan);
    }
    if (holds === 'text' && several) scans.push(Prisma.sql`${from} ${Prisma.join(t.words.map((w) => Prisma.sql`${late(w)} ${WORD_SIMILAR} ${column}`), ' AND ')}`);
  });
  // UNION ALL, then one row per id: a row found by several scans is ranked once.
  const ctes = named.length ? Prisma.sql`WITH ${Prisma.join(named, ', ')} ` : Prisma.empty;
  return Prisma.sql`(${ctes}SELECT id, bit_or(col) AS cols FROM (${Prisma.join(scans, ' UNION ALL ')}) c GROUP BY id)`;
}

/**
 * The rows of `table` whose `name` column matches, for a column that repeats a few values: its
 * distinct values, read from its b-tree index one after the other (a recursive query, one index
 * probe per value), are matched once each, the same ways as `candidates` (the conditions evaluated
 * on the value, cheapest first), and the rows holding a matched value are found by that index.
 * On the bench, 60 regulators instead of rechecking 1,600 checkpoints per condition.
 */
function distinctMatches(table: string, id: string, name: string, bit: number, holds: SearchColumn['holds'], t: SearchTerms): Prisma.Sql {
  const [tbl, column] = [Prisma.raw(table), Prisma.raw(name)];
  const v = Prisma.raw('d.v');
  const ways: Prisma.Sql[] = [];
  if (t.q.length < 3) {
    ways.push(Prisma.sql`${v} ILIKE ${t.prefix}::text`, Prisma.sql`${v} ILIKE ${t.wordStart}::text`);
  } else {
    ways.push(Prisma.sql`${v} ILIKE ${t.like}::text`, Prisma.sql`${t.q}::text ${WORD_SIMILAR} ${v}`);
    if (holds === 'name' && t.words.length > 1) ways.push(Prisma.sql`${t.q}::text ${SIMILAR} ${v}`);
    if (holds === 'name' && t.namingWords.length > 1) {
      const count = Prisma.join(t.namingWords.map((w) => Prisma.sql`(${w}::text ${WORD_SIMILAR} ${v})::int`), ' + ');
      ways.push(Prisma.sql`(${count}) >= ${Math.ceil(t.namingWords.length / 2)}`);
    }
    if (holds === 'text' && t.words.length > 1) ways.push(Prisma.sql`(${Prisma.join(t.words.map((w) => Prisma.sql`${w}::text ${WORD_SIMILAR} ${v}`), ' AND ')})`);
  }
  return Prisma.sql`SELECT x.${Prisma.raw(id)} AS id, ${Prisma.raw(String(bit))} AS col FROM (
      WITH RECURSIVE d(v) AS (
        (SELECT ${column} FROM ${tbl} ORDER BY ${column} LIMIT 1)
        UNION ALL
        SELECT (SELECT ${column} FROM ${tbl} WHERE ${column} > d.v ORDER BY ${column} LIMIT 1) FROM d WHERE d.v IS NOT NULL
      )
      SELECT d.v FROM d WHERE d.v IS NOT NULL AND (${Prisma.join(ways, ' OR ')})
    ) m JOIN ${tbl} x ON x.${column} = m.v`;
}

/**
 * The rows whose `column` has a word close to at least half of `words` (rounded up): a name typed
 * with one word misspelt past what trigrams forgive ("peoples bnak": "bnak" shares one trigram with
 * "bank", and the whole query is too far from "People's Bank of China" to match as a whole). One
 * index scan per word; the rows are counted, not ranked. Each scan still rechecks every row its
 * word admits, so `gate` (candidates) skips them once the whole query found many rows.
 */
function mostWords(table: string, id: string, column: Prisma.Sql, bit: number, words: string[], gate: Prisma.Sql): Prisma.Sql {
  const perWord = words.map((w) => Prisma.sql`SELECT DISTINCT ${Prisma.raw(id)} AS id FROM ${Prisma.raw(table)} WHERE ${late(w)} ${WORD_SIMILAR} ${column}`);
  return Prisma.sql`SELECT id, ${bit} AS col FROM (${Prisma.join(perWord, ' UNION ALL ')}) w
    WHERE ${gate} GROUP BY id HAVING count(*) >= ${Math.ceil(words.length / 2)}`;
}

/**
 * The rank of column `i` of a candidate `h` (0 when that column did not match, or is null). For a
 * query of one or two characters every candidate has a word starting with it: they are told apart
 * by the bonuses only (the similarity of two letters says little).
 */
export function columnScore(column: Prisma.Sql, t: SearchTerms, i: number, weight = 1): Prisma.Sql {
  return Prisma.sql`CASE WHEN h.cols & ${Prisma.raw(String(1 << i))} = 0 THEN 0::float8 ELSE ${valueScore(column, t, weight)} END`;
}

/** The rank of a text, whichever column it comes from (see columnScore). */
export function valueScore(value: Prisma.Sql, t: SearchTerms, weight = 1): Prisma.Sql {
  const similarity = t.q.length < 3 ? Prisma.sql`0.5` : Prisma.sql`coalesce(extensions.word_similarity(${t.q}::text, ${value}), 0)::float8`;
  return Prisma.sql`${weight}::float8 * (${similarity}
    + CASE WHEN lower(${value}) = ${t.lower}::text THEN 1 WHEN ${value} ILIKE ${t.prefix}::text THEN 0.6
           WHEN ${value} ILIKE ${t.like}::text THEN 0.4 ELSE 0 END)`;
}

/**
 * The best `take` rows of `scored` (a query with an `id` column and the columns `score` and
 * `tiebreak` name): rank, then tie-break and id byte-wise (COLLATE "C"), the order
 * server/search/hit.ts merges kinds in. Whatever a part shows is computed on these rows only.
 */
export function topRows(scored: Prisma.Sql, score: string, tiebreak: string, take: number): Prisma.Sql {
  return Prisma.sql`SELECT s.*, ${Prisma.raw(score)} AS score FROM (${scored}) s
    ORDER BY score DESC, ${Prisma.raw(tiebreak)} COLLATE "C", id COLLATE "C" LIMIT ${take}`;
}
