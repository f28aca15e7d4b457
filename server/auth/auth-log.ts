import 'server-only';
import { ssoCallbackStore } from '@/server/sso/context';

type Level = 'debug' | 'info' | 'warn' | 'error';

const MISSING_EMAIL = 'did not return an email';

/**
 * better-auth's log lines (its `logger.log`, server/auth/better-auth.ts). Outside a single sign-on
 * callback they are printed as better-auth's own logger prints them. Inside one, its warnings and
 * errors are kept on the callback's store and our route prints them in the callback's one line
 * (server/sso/log.ts): "State not found undefined" beside "did not complete (state_not_found)" was
 * two lines for one event. When our hook refused the person it empties the email (that is how
 * better-auth is stopped), and better-auth then says the provider sent no email and advises asking
 * for the email scope: wrong for an operator, so that line is dropped; our line names the reason.
 */
export function logFromBetterAuth(level: Level, message: string, ...args: unknown[]): void {
  const store = ssoCallbackStore.getStore();
  if (store && (level === 'warn' || level === 'error')) {
    const refused = store.verdict && !store.verdict.admitted;
    if (!(refused && message.includes(MISSING_EMAIL))) (store.notes ??= []).push(plain(message, args));
    return;
  }
  const line = `${new Date().toISOString()} ${level.toUpperCase()} [Better Auth]: ${message}`;
  if (level === 'error') console.error(line, ...args);
  else if (level === 'warn') console.warn(line, ...args);
  else console.log(line, ...args);
}

// Control characters, line and paragraph separators and direction marks: a value from the request
// (a forged state, say) must not start a new line of the log or turn the rest of it around.
const UNSAFE = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * A message and its extra values as one line of plain text: nothing for undefined or null, an
 * error by its message, a string quoted, anything else as JSON; at most 300 characters a value, and
 * control characters and direction marks written as escapes.
 */
function plain(message: string, args: unknown[]): string {
  const extra = args.filter((a) => a !== undefined && a !== null).map((a) => {
    if (a instanceof Error) return a.message.slice(0, 300);
    try {
      return (JSON.stringify(typeof a === 'string' ? a.slice(0, 300) : a) ?? String(a)).slice(0, 300);
    } catch {
      return String(a).slice(0, 300);
    }
  });
  return oneLogLine([message.trim(), ...extra].join(' '));
}

/** Text for one line of the server's log: control characters, separators and direction marks as escapes. */
export function oneLogLine(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
