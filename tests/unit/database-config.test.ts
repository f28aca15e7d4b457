import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseConfigError, describeDatabase, readDatabaseConfig, wireConnection } from '@/server/db/config';

describe('readDatabaseConfig', () => {
  it('defaults to embedded PGlite under ./data', () => {
    expect(readDatabaseConfig({})).toEqual({ engine: 'pglite', dataDir: path.join(process.cwd(), 'data', 'pglite') });
  });

  it('honours ACCORD_DATA_DIR and memory://', () => {
    expect(readDatabaseConfig({ ACCORD_DATA_DIR: '/tmp/x' })).toEqual({ engine: 'pglite', dataDir: '/tmp/x/pglite' });
    expect(readDatabaseConfig({ DATABASE_URL: 'memory://' })).toEqual({ engine: 'pglite', dataDir: null });
  });

  it('reads a PostgreSQL URL and takes the schema out of it', () => {
    const config = readDatabaseConfig({ DATABASE_URL: 'postgresql://u:secret@db.example:6543/accord?schema=tenant_a&sslmode=require' });
    expect(config).toEqual({
      engine: 'postgresql',
      connectionString: 'postgresql://u:secret@db.example:6543/accord?sslmode=require',
      schema: 'tenant_a',
    });
    expect(describeDatabase(config)).toBe('PostgreSQL at db.example:6543/accord (schema tenant_a)');
    expect(describeDatabase(config)).not.toContain('secret');
  });

  it('refuses anything else with a message that says what is expected', () => {
    expect(() => readDatabaseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(DatabaseConfigError);
    expect(() => readDatabaseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/postgres:\/\//);
    expect(() => readDatabaseConfig({ DATABASE_URL: 'postgres://h/db?schema=Robert;DROP' })).toThrow(/schema/);
  });

  it('reads the embedded database served by its database process (decision 029) as the same engine, reached over the wire', () => {
    const config = readDatabaseConfig({ ACCORD_DATA_DIR: '/srv/accord', ACCORD_EMBEDDED_SOCKET: '/tmp/accord-db-AbC123' });
    expect(config).toEqual({ engine: 'pglite', dataDir: '/srv/accord/pglite', socketDir: '/tmp/accord-db-AbC123' });
    expect(describeDatabase(config)).toBe('embedded PGlite at /srv/accord/pglite (served by the database process)');
    const wire = wireConnection(config)!;
    expect(wire.schema).toBeNull();
    const url = new URL(wire.connectionString);
    expect([url.protocol, url.port, url.searchParams.get('host')]).toEqual(['postgresql:', '5432', '/tmp/accord-db-AbC123']);
    // Where the process holds PGlite itself there is no wire; PostgreSQL's is its URL.
    expect(wireConnection(readDatabaseConfig({}))).toBeNull();
    expect(wireConnection(readDatabaseConfig({ DATABASE_URL: 'memory://', ACCORD_EMBEDDED_SOCKET: '/tmp/x' }))).toBeNull();
    expect(wireConnection(readDatabaseConfig({ DATABASE_URL: 'postgres://h/db?schema=a' }))).toEqual({ connectionString: 'postgres://h/db', schema: 'a' });
  });

  it('refuses a socket directory that is not absolute (only serve-cluster.mjs sets it)', () => {
    expect(() => readDatabaseConfig({ ACCORD_EMBEDDED_SOCKET: 'tmp/accord-db' })).toThrow(/ACCORD_EMBEDDED_SOCKET must be an absolute directory/);
  });
});
