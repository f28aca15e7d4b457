import type { Db } from '@/server/db/client';

/**
 * A fingerprint of every table in the database's current schema: its row count and the md5 of
 * all its rows in a fixed order, computed in SQL; plus sequence positions and the schema objects
 * (indexes, constraints, triggers). Two databases with equal fingerprints hold the same data.
 */
export type Fingerprint = {
  tables: Record<string, { rows: number; md5: string }>;
  sequences: Record<string, string | null>;
  objects: string[];
};

export async function fingerprint(db: Db): Promise<Fingerprint> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY 1`;
  const out: Fingerprint = { tables: {}, sequences: {}, objects: [] };
  for (const { name } of tables) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const [row] = await db.$queryRawUnsafe<{ rows: number; md5: string }[]>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS md5 FROM ${quoted} t`,
    );
    out.tables[name] = row!;
  }
  const sequences = await db.$queryRaw<{ name: string; last: string | null }[]>`
    SELECT sequencename AS name, last_value::text AS last FROM pg_sequences WHERE schemaname = current_schema() ORDER BY 1`;
  for (const s of sequences) out.sequences[s.name] = s.last;
  const objects = await db.$queryRaw<{ object: string }[]>`
    SELECT 'index ' || indexname || ': ' || regexp_replace(indexdef, ' ON [^ ]+\\.', ' ON ') AS object FROM pg_indexes WHERE schemaname = current_schema()
    UNION ALL
    SELECT 'constraint ' || conname || ': ' || pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = current_schema()
    UNION ALL
    SELECT 'trigger ' || tgname || ' on ' || tgrelid::regclass::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND NOT t.tgisinternal
    ORDER BY 1`;
  out.objects = objects.map((o) => o.object);
  return out;
}
