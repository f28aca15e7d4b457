import type { Metadata, Route } from 'next';
import { connection } from 'next/server';
import { AuthFrame } from '@/components/auth-frame';
import Link from '@/components/link';
import { findSubscriptionForLink } from '@/server/subscriptions/queries';
import { subscriptionOfToken } from '@/server/subscriptions/unsubscribe';

export const metadata: Metadata = { title: 'Unsubscribe', robots: { index: false } };

type Props = { params: Promise<{ token: string }> };

/**
 * Where a mail's unsubscribe link lands, signed out (issue 16): one button stops the mail. The
 * link's signed token is the credential; the page changes nothing by itself (mail scanners open
 * links), the button does (a POST to /api/unsubscribe/<token>, the same address mail programs use).
 */
export default async function UnsubscribePage({ params }: Props) {
  // Rendered for each request: the answer changes when the button is pressed (never a kept page).
  await connection();
  const { token } = await params;
  const id = subscriptionOfToken(decodeURIComponent(token).slice(0, 200));
  const sub = id ? await findSubscriptionForLink(id) : null;
  const what = sub ? (sub.kind === 'DIGEST' ? 'digest' : 'scheduled export') : '';
  return (
    <AuthFrame width="md" spaced>
      {!sub ? (
        <>
          <h1 className="text-lg font-semibold">This link does not work</h1>
          <p className="text-sm muted">It may have been cut when it was copied, or the subscription was removed. Sign in and open <Link className="underline" href={'/settings/mail' as Route}>your mail page</Link> to see and stop your subscriptions.</p>
        </>
      ) : sub.unsubscribed ? (
        <>
          <h1 className="text-lg font-semibold">You are unsubscribed</h1>
          <p role="status" className="text-sm muted"><bdi>{sub.email}</bdi> will no longer get this {what} ({sub.schedule}).</p>
          <p className="text-sm"><Link className="underline" href={'/settings/mail' as Route}>Your mail page</Link> lists what you still get.</p>
        </>
      ) : (
        <>
          <h1 className="text-lg font-semibold">Stop this {what}?</h1>
          <p className="text-sm muted">The {what} to <bdi>{sub.email}</bdi>: {sub.schedule}.</p>
          <form method="post" action={`/api/unsubscribe/${encodeURIComponent(decodeURIComponent(token))}`}>
            <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">Unsubscribe</button>
          </form>
        </>
      )}
    </AuthFrame>
  );
}
