import { NextResponse } from 'next/server';
import { acceptInvitationSchema, passwordProblem, type AcceptProblem } from '@/lib/schemas/invitations';
import { validationError } from '@/server/actions/define';
import { clientIp, errorResponse, seeOther } from '@/server/api/respond';
import { signIn } from '@/server/auth/sign-in';
import { DatabaseUnavailableError, UserFacingError, ValidationError } from '@/server/errors';
import { asUserFacing } from '@/server/health/unavailable';
import { acceptInvitation } from '@/server/invitations/mutations';
import { lookupHash } from '@/server/invitations/token';
import { otherMethods } from '@/server/api/not-allowed';

/**
 * Accepting an invitation (issue 17), signed out: the token in the address is the credential, as
 * for /api/unsubscribe, but this one is posted by our own page, so the proxy's origin check stays.
 * The page's form (no JavaScript needed) is answered with 303s: on success the new partner is
 * signed in through the ordinary sign-in (same checks, audit and throttle) and lands on the
 * portfolio; a refusal goes back to the page with a short reason code (a password is never put
 * back into a page). JSON callers get 201, or 404/410/409/422 with the message.
 */
export async function POST(request: Request, segment: { params: Promise<{ token: string }> }) {
  const { token } = await segment.params;
  const isForm = /application\/x-www-form-urlencoded|multipart\/form-data/.test(request.headers.get('content-type') ?? '');
  // Only a well-formed token goes back into an address; anything else cannot be an invitation anyway.
  const page = `/invitation/${lookupHash(token) ? token : 'not-a-valid-link'}`;
  const back = (problem?: AcceptProblem) => seeOther(problem ? `${page}?problem=${problem}` : page);
  let raw: Record<string, unknown>;
  try {
    const body: unknown = isForm ? Object.fromEntries(await request.formData()) : await request.json();
    raw = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  } catch {
    return isForm ? back('short') : errorResponse(new ValidationError('Send the new password as JSON ({ "newPassword", "confirmPassword" }) or as a form.'));
  }
  try {
    if (isForm) {
      const problem = passwordProblem(raw);
      if (problem) return back(problem);
    }
    const parsed = acceptInvitationSchema.safeParse(raw);
    if (!parsed.success) throw validationError(parsed.error);
    const accepted = await acceptInvitation(token, parsed.data);
    if (!isForm) return NextResponse.json({ accepted: true, ...accepted }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
    try {
      const { setCookies } = await signIn({
        email: accepted.email, password: parsed.data.newPassword, ip: clientIp(request.headers), userAgent: request.headers.get('user-agent') ?? '',
      });
      return seeOther('/', setCookies);
    } catch {
      // The account exists; only the automatic sign-in failed (a busy database, the throttle): sign in by hand.
      return seeOther(`/sign-in?${new URLSearchParams({ email: accepted.email, welcome: '1' })}`);
    }
  } catch (caught) {
    const error = asUserFacing(caught);
    if (!isForm) return errorResponse(error);
    // A link that is not (or no longer) valid: the page itself says which, from the invitation's state.
    if (error instanceof UserFacingError && (error.status === 404 || error.status === 410)) return back();
    if (error instanceof UserFacingError && error.status === 409) return back('taken');
    if (error instanceof DatabaseUnavailableError) return back('unavailable');
    if (!(error instanceof UserFacingError)) console.error('[accord] accepting an invitation failed', error);
    return back('failed');
  }
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['POST']);
