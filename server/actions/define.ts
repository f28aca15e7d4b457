import 'server-only';
import { z } from 'zod';
import type { Permission } from '@/lib/permissions';
import type { ActionState } from '@/lib/action-state';
import type { Actor } from '@/server/auth/actor';
import { authorize } from '@/server/auth/guard';
import { asUserFacing } from '@/server/health/unavailable';
import { UserFacingError, ValidationError } from '@/server/errors';

/** Who acts: an actor (tests, scripts), or the request's session lookup (server actions). */
export type ActorSource = Actor | null | (() => Promise<Actor | null>);

/**
 * A command: guard -> parse (zod) -> run. The exported server action is a thin wrapper that
 * passes the request's actor; tests call the command with any actor to exercise the
 * role x permission matrix against a real database.
 */
export function defineCommand<S extends z.ZodType, R>(options: {
  permission: Permission;
  /** 'scoped': partner users may run it; its `run` scopes itself (server/access/scope.ts). */
  partners?: 'scoped';
  schema: S;
  run: (actor: Actor, input: z.infer<S>) => Promise<R>;
  success: (result: R) => string;
}) {
  return async (who: ActorSource, raw: unknown): Promise<ActionState<R>> => {
    try {
      // Looking the session up can fail too (database unreachable): inside the try, so the form
      // gets a 503 message and keeps what was typed instead of the page failing.
      const actor = typeof who === 'function' ? await who() : who;
      const allowed = authorize(actor, options.permission, { partners: options.partners }); // always first
      const parsed = options.schema.safeParse(raw);
      if (!parsed.success) throw validationError(parsed.error);
      const result = await options.run(allowed, parsed.data);
      return { status: 'success', message: options.success(result), data: result };
    } catch (error) {
      return toErrorState(error, raw);
    }
  };
}

export function validationError(error: z.ZodError): ValidationError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'form';
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return new ValidationError('Some fields need your attention.', fieldErrors);
}

function toErrorState(caught: unknown, raw: unknown): ActionState<never> {
  const values = echoValues(raw);
  const error = asUserFacing(caught); // an unreachable database: 503 "try again", not a bug
  if (error instanceof UserFacingError) {
    return {
      status: 'error',
      code: error.status,
      // A form submitted after its session ended (signed out elsewhere, deactivated, expired).
      message: error.status === 401 ? 'Your session has ended, so this was not saved.' : error.message,
      fieldErrors: error instanceof ValidationError ? error.fieldErrors : undefined,
      values,
    };
  }
  console.error('[accord] action failed', error);
  return { status: 'error', code: 500, message: 'Something went wrong on our side; nothing was changed. Please try again.', values };
}

/** What the user typed, sent back so a refused form keeps it (never passwords). */
function echoValues(raw: unknown): Record<string, string> | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value === 'string' && !/password|token|secret/i.test(key)) out[key] = value.slice(0, 10_000);
  }
  return out;
}
