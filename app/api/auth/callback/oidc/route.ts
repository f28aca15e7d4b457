import { completeSsoSignIn } from '@/server/sso/flow';
import { otherMethods } from '@/server/api/not-allowed';

// The OpenID Connect provider sends the browser back here with a code (issue 18). better-auth's
// callback handles it; server/sso/flow.ts words refusals and audits the sign-in.
export async function GET(request: Request) {
  return completeSsoSignIn(request);
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);
