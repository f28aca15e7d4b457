import { NextResponse } from 'next/server';
import { errorResponse } from '@/server/api/respond';
import { NotFoundError } from '@/server/errors';
import { unsubscribe } from '@/server/subscriptions/mutations';
import { subscriptionOfToken } from '@/server/subscriptions/unsubscribe';
import { otherMethods } from '@/server/api/not-allowed';

// RFC 8058 one-click unsubscribe: mail programs POST here (List-Unsubscribe-Post), signed out. The
// signed token in the address is the only credential (no cookie is used), so it is exempt from the
// proxy's origin check like a bearer token. The page /unsubscribe/<token> posts its button here too.
// A browser (the page's button, no JavaScript needed) is sent back to the page, which says so.
export async function POST(request: Request, segment: { params: Promise<{ token: string }> }) {
  try {
    const { token } = await segment.params;
    const id = subscriptionOfToken(token.slice(0, 200));
    const done = id ? await unsubscribe(id) : null;
    if (!done) throw new NotFoundError('This unsubscribe link is not valid: it may have been cut when copied. Open Accord’s mail page to stop a subscription.');
    if ((request.headers.get('accept') ?? '').includes('text/html')) {
      // A relative address: behind a proxy, request.url's host is not the one the browser used.
      return new NextResponse(null, { status: 303, headers: { Location: `/unsubscribe/${encodeURIComponent(token)}`, 'Cache-Control': 'no-store' } });
    }
    return NextResponse.json({ unsubscribed: true, already: done.already }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    return errorResponse(error);
  }
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['POST']);
