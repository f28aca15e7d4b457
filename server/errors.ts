import 'server-only';

/**
 * Errors a person can act on. Route handlers turn them into 4xx JSON; actions into form
 * messages. Anything else is a bug: logged, and answered with a generic 500 message.
 */
export class UserFacingError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends UserFacingError {
  constructor(message = 'Sign in to continue.') {
    super(401, message);
  }
}

export class ForbiddenError extends UserFacingError {
  constructor(message = 'You do not have permission to do that.') {
    super(403, message);
  }
}

export class NotFoundError extends UserFacingError {
  constructor(message = 'Not found.') {
    super(404, message);
  }
}

/** Something that existed and is gone for good: a used, revoked or expired one-time link (issue 17). */
export class GoneError extends UserFacingError {
  constructor(message: string) {
    super(410, message);
  }
}

export class ConflictError extends UserFacingError {
  constructor(message: string, current?: unknown) {
    super(409, message, current === undefined ? {} : { current });
  }
}

export type FieldErrors = Record<string, string[]>;

export class ValidationError extends UserFacingError {
  constructor(
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(422, message, { fieldErrors });
  }
}

export class ThrottledError extends UserFacingError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, `Too many failed attempts. Try again in ${describeWait(retryAfterSeconds)}.`, { retryAfter: retryAfterSeconds });
  }
}

/**
 * Over an API rate limit (issue 18, server/api/rate-limit.ts): 429 with Retry-After. The message
 * names the limit that was met, as the caller can read it in the response.
 */
export class RateLimitedError extends UserFacingError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    details: { scope: 'token' | 'user'; limit: number; windowSeconds: number },
  ) {
    super(429, message, { retryAfter: retryAfterSeconds, ...details });
  }
}

function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

/** A rollout move refused by its gates; `blockers` names each checkpoint or milestone in the way. */
export class GatingError extends UserFacingError {
  constructor(
    message: string,
    readonly blockers: { kind: 'checkpoint' | 'milestone'; id: string; name: string; reason: string }[],
  ) {
    super(422, message, { blockers });
  }
}

/** The database cannot be reached (server down, network cut, embedded database held elsewhere): 503, retry. */
export class DatabaseUnavailableError extends UserFacingError {
  constructor(message = 'The database is unavailable right now. Nothing was changed; please try again in a moment.') {
    super(503, message, { retryAfter: 5 });
  }
}

/**
 * The server lacks a setting it needs (ACCORD_AUTH_SECRET on PostgreSQL, say): 503 naming the
 * setting, so the person is told to ask the operator instead of being told they typed it wrong.
 */
export class NotConfiguredError extends UserFacingError {
  constructor(message: string) {
    super(503, message);
  }
}

/** A bad query parameter: 400 naming the parameter (the metrics API). */
export class BadParameterError extends UserFacingError {
  /** `problems`: every wrong parameter when there are several (the message is the first one's). */
  constructor(parameter: string, message: string, problems?: { parameter: string; message: string }[]) {
    super(400, message, problems && problems.length > 1 ? { parameter, problems } : { parameter });
  }
}

/** An address with control characters or broken %-escapes (lib/control-characters.ts addressProblem). */
export class BadAddressError extends UserFacingError {
  constructor(message: string) {
    super(400, message);
  }
}

/** A request body over the size the endpoint accepts. */
export class TooLargeError extends UserFacingError {
  constructor(message: string) {
    super(413, message);
  }
}

/** A body of a type the endpoint refuses (an upload sniffed as an executable, HTML, an archive…). */
export class UnsupportedMediaTypeError extends UserFacingError {
  constructor(message: string, found?: string) {
    super(415, message, found ? { found } : {});
  }
}

/**
 * A stored file whose bytes no longer match the SHA-256 taken at upload (changed in the database
 * after the fact). Nothing of it is sent. 500: the request was fine, the stored data is not.
 */
export class DocumentIntegrityError extends UserFacingError {
  constructor(message: string) {
    super(500, message);
  }
}
