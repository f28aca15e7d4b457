import 'server-only';
import { oneLogLine } from '@/server/auth/auth-log';
import type { SsoCallbackStore } from './context';
import { REFUSAL_REASONS } from './provision';

export type SsoOutcome =
  | { kind: 'signed-in' }
  | { kind: 'refused' }
  | { kind: 'incomplete'; code: string }
  | { kind: 'failed'; error: unknown };

/**
 * The one log line of a single sign-on callback (server/sso/flow.ts), with what better-auth said
 * while handling it (collected by server/auth/auth-log.ts instead of printed line by line): a
 * refusal is ours and plain (the audit trail has the person), a callback that did not complete is
 * an error with better-auth's reason, a sign-in is silent unless better-auth warned. No email or
 * token goes into the line.
 */
export function ssoLogLine(store: SsoCallbackStore, outcome: SsoOutcome): { level: 'info' | 'warn' | 'error'; line: string } | null {
  const said = store.notes?.length ? ` better-auth: ${store.notes.join('; ')}` : '';
  switch (outcome.kind) {
    case 'refused': {
      const reason = store.verdict && !store.verdict.admitted ? REFUSAL_REASONS[store.verdict.reason] : 'refused';
      return { level: 'info', line: `[accord] a single sign-on was refused (${reason}); the audit trail has the sign-in.${said}` };
    }
    case 'incomplete':
      return { level: 'error', line: oneLogLine(`[accord] single sign-on did not complete (${outcome.code.slice(0, 100)}).${said}`) };
    case 'failed':
      return { level: 'error', line: oneLogLine(`[accord] single sign-on callback failed: ${(outcome.error instanceof Error ? outcome.error.message : String(outcome.error)).slice(0, 300)}.${said}`) };
    case 'signed-in':
      return said ? { level: 'warn', line: `[accord] single sign-on completed with warnings.${said}` } : null;
  }
}
