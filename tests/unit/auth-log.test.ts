import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logFromBetterAuth } from '@/server/auth/auth-log';
import { ssoCallbackStore } from '@/server/sso/context';
import { REFUSAL_REASONS } from '@/server/sso/provision';

// What better-auth logs when a provider's profile has no email (its oauth2/errors module), which is
// what it sees when our single sign-on hook refuses someone (server/auth/better-auth.ts).
const MISSING_EMAIL = 'Provider "oidc" did not return an email. Either request the provider\'s email scope, or create a placeholder via `mapProfileToUser`.';

function capture() {
  return { error: vi.spyOn(console, 'error').mockImplementation(() => {}), warn: vi.spyOn(console, 'warn').mockImplementation(() => {}), log: vi.spyOn(console, 'log').mockImplementation(() => {}), info: vi.spyOn(console, 'info').mockImplementation(() => {}) };
}

describe("better-auth's log lines", () => {
  afterEach(() => vi.restoreAllMocks());

  it('still say "did not return an email" in the version installed (the line replaced below)', () => {
    const source = fs.readFileSync('node_modules/better-auth/dist/oauth2/errors.mjs', 'utf8');
    expect(source).toContain('did not return an email');
  });

  it('are printed as better-auth prints them, at their level, outside a refused single sign-on', () => {
    const out = capture();
    logFromBetterAuth('error', MISSING_EMAIL, { detail: 1 });
    logFromBetterAuth('warn', 'a warning');
    logFromBetterAuth('info', 'some news');
    expect(out.error).toHaveBeenCalledWith(expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z ERROR \[Better Auth\]: Provider "oidc" did not return an email/), { detail: 1 });
    expect(out.warn).toHaveBeenCalledWith(expect.stringMatching(/ WARN \[Better Auth\]: a warning$/));
    expect(out.log).toHaveBeenCalledWith(expect.stringMatching(/ INFO \[Better Auth\]: some news$/));
    expect(out.info).not.toHaveBeenCalled();
  });

  it('name our reason instead of a missing email scope when our hook refused the person', () => {
    for (const reason of Object.keys(REFUSAL_REASONS) as (keyof typeof REFUSAL_REASONS)[]) {
      const out = capture();
      ssoCallbackStore.run({ ip: '127.0.0.1', userAgent: 'test', verdict: { admitted: false, reason, email: 'someone@example.com' } }, () => logFromBetterAuth('error', MISSING_EMAIL));
      expect(out.error).not.toHaveBeenCalled();
      expect(out.info).toHaveBeenCalledTimes(1);
      expect(out.info.mock.calls[0]![0]).toBe(`[accord] a single sign-on was refused (${REFUSAL_REASONS[reason]}); the audit trail has the sign-in.`);
      expect(out.info.mock.calls[0]![0]).not.toContain('someone@example.com');
      vi.restoreAllMocks();
    }
  });

  it('keep every other line of a refused sign-in, and that line when the person was admitted', () => {
    const out = capture();
    ssoCallbackStore.run({ ip: '127.0.0.1', userAgent: 'test', verdict: { admitted: false, reason: 'unverified', email: 'a@example.com' } }, () => logFromBetterAuth('error', 'Something else failed'));
    ssoCallbackStore.run({ ip: '127.0.0.1', userAgent: 'test', verdict: { admitted: true, userId: 'u1', email: 'a@example.com', created: false } }, () => logFromBetterAuth('error', MISSING_EMAIL));
    expect(out.error).toHaveBeenCalledTimes(2);
    expect(out.info).not.toHaveBeenCalled();
  });
});
