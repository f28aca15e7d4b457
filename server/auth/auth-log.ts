import 'server-only';
import { ssoCallbackStore } from '@/server/sso/context';
import { REFUSAL_REASONS } from '@/server/sso/provision';

type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * better-auth's log lines (its `logger.log`, server/auth/better-auth.ts), printed as its own logger
 * prints them but for one case. When our single sign-on hook refuses a person it empties the email
 * (that is how better-auth is stopped), and better-auth then logs an ERROR saying the provider sent
 * no email and advising to request the email scope: wrong for an operator reading the log. Inside
 * such a refused callback that line becomes one plain line with our reason; the refusal itself is
 * in the audit trail as a failed sign-in, with the email (server/sso/provision.ts).
 */
export function logFromBetterAuth(level: Level, message: string, ...args: unknown[]): void {
  const verdict = ssoCallbackStore.getStore()?.verdict;
  if (verdict && !verdict.admitted && message.includes('did not return an email')) {
    console.info(`[accord] a single sign-on was refused (${REFUSAL_REASONS[verdict.reason]}); the audit trail has the sign-in.`);
    return;
  }
  const line = `${new Date().toISOString()} ${level.toUpperCase()} [Better Auth]: ${message}`;
  if (level === 'error') console.error(line, ...args);
  else if (level === 'warn') console.warn(line, ...args);
  else console.log(line, ...args);
}
