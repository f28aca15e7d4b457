// Exit 0 when the test PostgreSQL server answers, 1 (with the reason) when it does not.
import pg from 'pg';

const url = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
try {
  await client.connect();
  await client.query('SELECT 1');
  await client.end();
  process.exit(0);
} catch (error) {
  console.error(`PostgreSQL is not reachable at ${url.replace(/:[^:@/]+@/, ':***@')}: ${error.message}`);
  process.exit(1);
}
