'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import Link from '@/components/link';
import { INBOX_CHANGED_EVENT } from '@/lib/inbox';

const EVERY_MS = 60_000;

/** The signed-in person's unread count, or null when it cannot be had (offline, signed out). */
async function unreadCount(): Promise<number | null> {
  try {
    const response = await fetch('/api/v1/notifications?unread=1&limit=1', { cache: 'no-store' });
    if (!response.ok) return null;
    const body = (await response.json()) as { unread?: unknown };
    return typeof body.unread === 'number' ? body.unread : null;
  } catch {
    return null;
  }
}

/**
 * The shell's Inbox link with the unread count. The count is fetched by the browser (on each
 * navigation, when the window regains focus and every minute), so no page pays for it while it
 * renders (issue 14: pages cost what their markup costs).
 */
export function InboxLink() {
  const pathname = usePathname();
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    const refresh = () => void unreadCount().then((n) => live && n !== null && setUnread(n));
    const onChanged = (e: Event) => {
      const n = (e as CustomEvent<{ unread?: number }>).detail?.unread;
      if (typeof n === 'number') setUnread(n);
      else refresh();
    };
    refresh();
    const timer = window.setInterval(refresh, EVERY_MS);
    window.addEventListener('focus', refresh);
    window.addEventListener(INBOX_CHANGED_EVENT, onChanged);
    return () => {
      live = false;
      window.clearInterval(timer);
      window.removeEventListener('focus', refresh);
      window.removeEventListener(INBOX_CHANGED_EVENT, onChanged);
    };
  }, [pathname]);
  const label = unread ? `Inbox, ${unread} unread` : 'Inbox';
  return (
    <Link
      href="/inbox"
      title={label}
      className="relative inline-flex shrink-0 items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
      data-testid="inbox-link"
    >
      <svg aria-hidden viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.6">
        <path d="M3 11.5 5.2 4.6A1.5 1.5 0 0 1 6.6 3.5h6.8a1.5 1.5 0 0 1 1.4 1.1L17 11.5M3 11.5V15a1.5 1.5 0 0 0 1.5 1.5h11A1.5 1.5 0 0 0 17 15v-3.5M3 11.5h4l1 2h4l1-2h4" strokeLinejoin="round" />
      </svg>
      {/* The name is the visible words ("Inbox 3") plus " unread" for screen readers: no aria-label that differs from what is seen. */}
      <span className="sr-only lg:not-sr-only">Inbox</span>
      {unread ? (
        <>
          {' '}
          <span data-testid="inbox-count" className="min-w-5 rounded-full bg-rose-600 px-1.5 text-center text-xs font-semibold leading-5 text-white">
            {unread > 99 ? '99+' : unread}
          </span>
          <span className="sr-only"> unread</span>
        </>
      ) : null}
    </Link>
  );
}
