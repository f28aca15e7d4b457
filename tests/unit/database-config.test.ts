import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseConfigError, describeDatabase, readDatabaseConfig } from '@/server/db/config';

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
});
