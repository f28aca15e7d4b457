import type { Metadata } from 'next';
import Link from '@/components/link';
import { MarkAllRead } from '@/components/inbox/mark-all-read';
import { NotificationItem } from '@/components/inbox/notification-item';
import { inboxQuerySchema } from '@/lib/schemas/inbox';
import { requirePagePermission } from '@/server/auth/require';
import { NotFoundError } from '@/server/errors';
import { findInbox } from '@/server/notifications/queries';

export const metadata: Metadata = { title: 'Inbox' };

type Search = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The signed-in person's notifications: mentions, decisions, due dates and changes to what they own or watch. */
export default async function InboxPage({ searchParams }: { searchParams: Search }) {
  const actor = await requirePagePermission('inbox.read');
  const raw = await searchParams;
  const parsed = inboxQuerySchema.safeParse({ unread: first(raw.unread), before: first(raw.before) });
  const query = parsed.success ? parsed.data : { unread: false, before: undefined, limit: 30 };
  // A `before` that names no line of this inbox (deleted, someone else's): say so, not an error page.
  const inbox = await findInbox(actor.userId ?? '', query).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  const tab = (unread: boolean, label: string) => (
    <Link
      href={unread ? '/inbox?unread=1' : '/inbox'}
      aria-current={query.unread === unread ? 'page' : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium ${query.unread === unread ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800'}`}
    >
      {label}
    </Link>
  );
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Inbox</h1>
          <p className="mt-1 max-w-2xl text-sm muted">
            Mentions, regulators’ decisions, evidence about to expire, overdue milestones and changes to what you own or watch. Use Watch on a
            partnership, milestone or checkpoint to follow it. Your own changes are never listed. A weekly digest by mail is on your{' '}
            <Link href="/settings/mail" className="underline">mail page</Link>.
          </p>
        </div>
        {inbox && inbox.unread > 0 ? <MarkAllRead /> : null}
      </div>
      <nav aria-label="Which notifications" className="flex items-center gap-2">
        {tab(false, 'All')}
        {tab(true, inbox ? `Unread (${inbox.unread})` : 'Unread')}
      </nav>
      {!inbox ? (
        <p role="alert" className="rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
          That page of the inbox no longer exists. <Link href="/inbox" className="underline">Start from the newest</Link>.
        </p>
      ) : inbox.notifications.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
          {query.unread ? 'Nothing unread. ' : 'Nothing here yet. '}
          When someone mentions you, a regulator decides, evidence nears its expiry or something you own or watch changes, it is listed here.
        </p>
      ) : (
        <ul aria-label="Notifications" className="divide-y divide-slate-100 overflow-hidden card dark:divide-slate-800">
          {inbox.notifications.map((n) => (
            <NotificationItem key={n.id} n={n} />
          ))}
        </ul>
      )}
      {inbox?.next ? (
        <p>
          <Link href={`/inbox?${new URLSearchParams({ ...(query.unread ? { unread: '1' } : {}), before: inbox.next })}` as never} className="text-sm font-medium text-brand-700 underline dark:text-brand-300">
            Older notifications
          </Link>
        </p>
      ) : null}
    </div>
  );
}
