import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/server/auth/actor';
import { authorize } from '@/server/auth/guard';
import { ForbiddenError, UnauthenticatedError } from '@/server/errors';
import { actorFromBearer } from '@/server/tokens/authenticate';
import { createApiToken, revokeApiToken } from '@/server/tokens/mutations';
import { actorsByRole } from '@/tests/support/actors';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

let t: TestDatabase;
let analyst: Actor;
const ctx = { method: 'GET', path: '/api/v1/me' };
const bearer = (token: string) => actorFromBearer(`Bearer ${token}`, ctx);

beforeAll(async () => {
  t = await openTestDatabase();
  analyst = (await actorsByRole(t.db)).ANALYST;
});
afterAll(() => t?.close());

describe('API token lifecycle', () => {
  it('stores only a hash, acts as its user, and records its use (at most once a minute)', async () => {
    const created = await createApiToken(analyst, { ownerId: analyst.userId!, name: 'export job', readOnly: false });
    expect(created.token).toMatch(/^acc_[A-Za-z0-9_-]{43}$/);
    const row = await t.db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).not.toContain(created.token.slice(4));
    expect(JSON.stringify(row)).not.toContain(created.token);

    const actor = await bearer(created.token);
    expect(actor).toMatchObject({ kind: 'token', userId: analyst.userId, role: 'ANALYST', readOnly: false });
    expect(() => authorize(actor, 'metrics.import')).not.toThrow();
    await bearer(created.token);
    expect(await t.db.auditEvent.count({ where: { entityId: created.id, action: 'token.used' } })).toBe(1);
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).not.toBeNull();
  });

  it('a read-only token may read but is refused every write permission', async () => {
    const created = await createApiToken(analyst, { ownerId: analyst.userId!, name: 'dashboard', readOnly: true });
    const actor = await bearer(created.token);
    expect(() => authorize(actor, 'metrics.export')).not.toThrow();
    expect(() => authorize(actor, 'metrics.import')).toThrow(ForbiddenError);
    expect(() => authorize(actor, 'tokens.manage')).toThrow(/read-only/);
  });

  it('a revoked token is refused on its very next request', async () => {
    const created = await createApiToken(analyst, { ownerId: analyst.userId!, name: 'retired', readOnly: false });
    await bearer(created.token);
    await revokeApiToken(analyst, { tokenId: created.id });
    await expect(bearer(created.token)).rejects.toThrow(UnauthenticatedError);
    await expect(bearer(created.token)).rejects.toThrow(/revoked/);
  });

  it('an expired token is refused', async () => {
    const created = await createApiToken(analyst, { ownerId: analyst.userId!, name: 'short', readOnly: false, expiresInDays: 1 });
    await t.db.apiToken.update({ where: { id: created.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(bearer(created.token)).rejects.toThrow(/expired/);
  });

  it("a deactivated user's tokens stop working", async () => {
    const other = (await actorsByRole(t.db)).BUSINESS_DEVELOPMENT;
    const created = await createApiToken(other, { ownerId: other.userId!, name: 'bd sync', readOnly: false });
    await t.db.user.update({ where: { id: other.userId! }, data: { deactivatedAt: new Date() } });
    await expect(bearer(created.token)).rejects.toThrow(/deactivated/);
  });

  it('unknown and malformed tokens get the same 401', async () => {
    for (const token of ['acc_' + 'x'.repeat(43), 'not-a-token', '', 'acc_' + 'y'.repeat(500)]) {
      await expect(bearer(token)).rejects.toMatchObject({ status: 401 });
    }
  });

  it("nobody revokes someone else's token, and the refusal does not reveal that it exists", async () => {
    const other = (await actorsByRole(t.db)).ANALYST;
    const created = await createApiToken(other, { ownerId: other.userId!, name: 'theirs', readOnly: false });
    await expect(revokeApiToken(analyst, { tokenId: created.id })).rejects.toMatchObject({ status: 404 });
    await expect(createApiToken(analyst, { ownerId: other.userId!, name: 'for them', readOnly: false })).rejects.toMatchObject({ status: 403 });
  });
});
