import { NextResponse } from 'next/server';
import { signInSchema } from '@/lib/schemas/auth';
import { clientIp, errorResponse, safeNextPath, seeOther } from '@/server/api/respond';
import { PasswordSignInOffError, signIn } from '@/server/auth/sign-in';
import { asUserFacing } from '@/server/health/unavailable';
import { DatabaseUnavailableError, NotConfiguredError, ThrottledError, UserFacingError, ValidationError } from '@/server/errors';
import { otherMethods } from '@/server/api/not-allowed';

// Public by nature. JSON callers get 200 / 400 / 401 / 429 (+ Retry-After); the HTML form on
// /sign-in posts here too and is sent back with 303 redirects, so it works without JavaScript.
export async function POST(request: Request) {
  const isForm = (request.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded');
  let raw: unknown;
  try {
    raw = isForm ? Object.fromEntries(await request.formData()) : await request.json();
  } catch {
    return errorResponse(new ValidationError('Send the email and password as JSON or as a form.'));
  }
  const parsed = signInSchema.safeParse(raw);
  const next = safeNextPath((raw as { next?: unknown } | null)?.next);
  if (!parsed.success) {
    if (isForm) return backToForm('missing', raw, next);
    return errorResponse(new ValidationError('Enter your email and password.'));
  }
  try {
    const result = await signIn({
      email: parsed.data.email,
      password: parsed.data.password,
      ip: clientIp(request.headers),
      userAgent: request.headers.get('user-agent') ?? '',
    });
    if (isForm) return seeOther(next, result.setCookies);
    const response = NextResponse.json({ ok: true, redirectTo: next }, { headers: { 'Cache-Control': 'no-store' } });
    for (const cookie of result.setCookies) response.headers.append('Set-Cookie', cookie);
    return response;
  } catch (caught) {
    const error = asUserFacing(caught); // an unreachable database is a 503, not a wrong password
    if (isForm && error instanceof UserFacingError) {
      const retry = error instanceof ThrottledError ? error.retryAfterSeconds : undefined;
      const reason = error instanceof ThrottledError ? 'throttled' : error instanceof DatabaseUnavailableError ? 'unavailable' : error instanceof PasswordSignInOffError ? 'sso-only' : error instanceof NotConfiguredError ? 'not-configured' : 'invalid';
      return backToForm(reason, raw, next, retry);
    }
    return errorResponse(error);
  }
}

function backToForm(error: string, raw: unknown, next: string, retry?: number) {
  const params = new URLSearchParams({ error });
  const email = (raw as { email?: unknown } | null)?.email;
  if (typeof email === 'string') params.set('email', email.slice(0, 254));
  if (next !== '/') params.set('next', next);
  if (retry) params.set('retry', String(retry));
  return seeOther(`/sign-in?${params}`);
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['POST']);
