import { describe, expect, it } from 'vitest';
import { diffMigrationsToSchema } from '@/server/db/schema-engine';

// Fails when schema.prisma changed without `npm run db:migration -- <name>` (or the reverse).
describe('prisma/migrations', () => {
  it('produce exactly the database schema.prisma describes', async () => {
    const drift = await diffMigrationsToSchema();
    expect(drift, `schema.prisma and prisma/migrations differ; run npm run db:migration -- <name>:\n${drift}`).toBe('');
  });
});
