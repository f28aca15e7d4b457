import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logFromBetterAuth } from '@/server/auth/auth-log';
import { ssoCallbackStore, type SsoCallbackStore } from '@/server/sso/context';
import { ssoLogLine } from '@/server/sso/log';
import { REFUSAL_REASONS } from '@/server/sso/provision';

// What better-auth logs when a provider's profile has no email (its oauth2/errors module), which is
// what it sees when our single sign-on hook refuses someone (server/auth/better-auth.ts).
const MISSING_EMAIL = 'Provider "oidc" did not return an email. Either request the provider\'s email scope, or create a placeholder via `mapProfileToUser`.';
const EMAIL = 'someone@example.com';

function capture() {
  return {
    error: vi.spyOn(console, 'error').mockImplementation(() => {}), warn: vi.spyOn(console, 'warn').mockImplementation(() => {}),
    log: vi.spyOn(console, 'log').mockImplementation(() => {}), info: vi.spyOn(console, 'info').mockImplementation(() => {}),
  };
}
const store = (extra: Partial<SsoCallbackStore> = {}): SsoCallbackStore => ({ ip: '127.0.0.1', userAgent: 'test', ...extra });
const refused = (reason: keyof typeof REFUSAL_REASONS) => store({ verdict: { admitted: false, reason, email: EMAIL } });

describe("better-auth's log lines", () => {
  afterEach(() => vi.restoreAllMocks());

  it('still say "did not return an email" in the version installed (the line dropped below)', () => {
    expect(fs.readFileSync('node_modules/better-auth/dist/oauth2/errors.mjs', 'utf8')).toContain('did not return an email');
  });

  it('outside a single sign-on callback: printed as better-auth prints them, at their level', () => {
    const out = capture();
    logFromBetterAuth('error', 'State not found', undefined);
    logFromBetterAuth('warn', 'a warning');
    logFromBetterAuth('info', 'some news');
    expect(out.error).toHaveBeenCalledWith(expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z ERROR \[Better Auth\]: State not found$/), undefined);
    expect(out.warn).toHaveBeenCalledWith(expect.stringMatching(/ WARN \[Better Auth\]: a warning$/));
    expect(out.log).toHaveBeenCalledWith(expect.stringMatching(/ INFO \[Better Auth\]: some news$/));
  });

  it('inside one: warnings and errors kept for the callback\'s line (no "undefined"), news still printed', () => {
    const out = capture();
    const s = store();
    ssoCallbackStore.run(s, () => {
      logFromBetterAuth('error', 'State not found', undefined);
      logFromBetterAuth('warn', 'Token exchange slow', new Error('timeout'), { status: 504 });
      logFromBetterAuth('info', 'some news');
    });
    expect(s.notes).toEqual(['State not found', 'Token exchange slow timeout {"status":504}']);
    expect(out.error).not.toHaveBeenCalled();
    expect(out.warn).not.toHaveBeenCalled();
    expect(out.log).toHaveBeenCalledTimes(1);
  });

  it('keep a value from the request on one line: quoted, escaped, cut at 300 characters', () => {
    const s = store();
    ssoCallbackStore.run(s, () => {
      logFromBetterAuth('error', 'State not found', '..\n2026-12-06T00:00:00.000Z ERROR forged\u202e');
      logFromBetterAuth('error', 'bad\u0007message\u2028end', 'x'.repeat(2_000));
    });
    expect(s.notes![0]).toBe('State not found "..\\n2026-12-06T00:00:00.000Z ERROR forged\\u202e"');
    expect(s.notes![1]).toBe(`bad\\u0007message\\u2028end "${'x'.repeat(299)}`);
    for (const note of s.notes!) expect(note).not.toMatch(/[\p{Cc}\u2028\u2029\u202a-\u202e]/u);
  });

  it('drop "did not return an email" when our hook refused the person, and keep the rest', () => {
    const s = refused('no-account');
    ssoCallbackStore.run(s, () => {
      logFromBetterAuth('error', MISSING_EMAIL);
      logFromBetterAuth('error', 'Something else failed');
    });
    expect(s.notes).toEqual(['Something else failed']);
    const admitted = store({ verdict: { admitted: true, userId: 'u1', email: EMAIL, created: false } });
    ssoCallbackStore.run(admitted, () => logFromBetterAuth('error', MISSING_EMAIL));
    expect(admitted.notes).toEqual([MISSING_EMAIL]);
  });
});

describe("a single sign-on callback's one log line", () => {
  it('names our reason for every refusal, at info level, without the email', () => {
    for (const reason of Object.keys(REFUSAL_REASONS) as (keyof typeof REFUSAL_REASONS)[]) {
      const entry = ssoLogLine(refused(reason), { kind: 'refused' });
      expect(entry).toEqual({ level: 'info', line: `[accord] a single sign-on was refused (${REFUSAL_REASONS[reason]}); the audit trail has the sign-in.` });
      expect(entry!.line).not.toContain(EMAIL);
    }
  });

  it("is an error with better-auth's reason when the callback did not complete or failed", () => {
    expect(ssoLogLine(store({ notes: ['State not found'] }), { kind: 'incomplete', code: 'state_not_found' }))
      .toEqual({ level: 'error', line: '[accord] single sign-on did not complete (state_not_found). better-auth: State not found' });
    expect(ssoLogLine(store(), { kind: 'incomplete', code: 'x\ny\u202e' })!.line).toBe('[accord] single sign-on did not complete (x\\u000ay\\u202e).');
    expect(ssoLogLine(store(), { kind: 'failed', error: new Error('discovery unreachable') }))
      .toEqual({ level: 'error', line: '[accord] single sign-on callback failed: discovery unreachable.' });
  });

  it('is silent for a sign-in unless better-auth warned', () => {
    expect(ssoLogLine(store(), { kind: 'signed-in' })).toBeNull();
    expect(ssoLogLine(store({ notes: ['a', 'b'] }), { kind: 'signed-in' })).toEqual({ level: 'warn', line: '[accord] single sign-on completed with warnings. better-auth: a; b' });
  });
});
