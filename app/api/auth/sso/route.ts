import { safeNextPath, seeOther } from '@/server/api/respond';
import { asUserFacing } from '@/server/health/unavailable';
import { DatabaseUnavailableError } from '@/server/errors';
import { startSsoSignIn } from '@/server/sso/flow';
import { otherMethods } from '@/server/api/not-allowed';

// Starts single sign-on (issue 18): public by nature, like the sign-in form. A link, not a form:
// the page's CSP allows forms to post only to Accord itself, and a redirect to the provider after a
// form post would be blocked. Starting costs the visitor nothing: no session is made until the
// provider answers on /api/auth/callback/oidc with this browser's state.
export async function GET(request: Request) {
  const next = safeNextPath(new URL(request.url).searchParams.get('next'));
  try {
    const started = await startSsoSignIn(next, request.headers);
    if (!started) return new Response('Single sign-on is not configured.', { status: 404 });
    return seeOther(started.url, started.setCookies);
  } catch (caught) {
    const error = asUserFacing(caught);
    console.error('[accord] single sign-on could not start', caught instanceof Error ? caught.message : caught);
    return seeOther(`/sign-in?error=${error instanceof DatabaseUnavailableError ? 'unavailable' : 'sso-unreachable'}`);
  }
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);
