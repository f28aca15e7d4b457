'use client';

import { useActionState, useState } from 'react';
import Link from '@/components/link';
import { Badge, type Tone } from '@/components/ui/badge';
import { IDLE, type ActionState } from '@/lib/action-state';
import { INBOX_CHANGED_EVENT, REASON_LABELS, type NotificationReasonName } from '@/lib/inbox';
import { markReadAction } from '@/server/notifications/actions';
import type { NotificationDto } from '@/server/notifications/queries';

const REASON_TONES: Record<NotificationReasonName, Tone> = {
  MENTION: 'brand', DECISION: 'info', IMPORT_FINISHED: 'neutral', EVIDENCE_EXPIRING: 'warning', MILESTONE_OVERDUE: 'danger', OWNED: 'neutral', WATCHED: 'neutral', WEBHOOK_DISABLED: 'danger',
  APPROVAL_REQUESTED: 'warning', APPROVAL_DECIDED: 'info',
};

const announce = (unread: number) => window.dispatchEvent(new CustomEvent(INBOX_CHANGED_EVENT, { detail: { unread } }));

/** One line of the inbox: opening it marks it read; a button marks it read or unread by hand. */
export function NotificationItem({ n }: { n: NotificationDto }) {
  const [read, setRead] = useState(n.read);
  const [state, formAction, pending] = useActionState<ActionState, FormData>(async (prev, formData) => {
    const next = await markReadAction(prev, formData);
    if (next.status === 'success') {
      const data = next.data as { read: boolean; unread: number };
      setRead(data.read);
      announce(data.unread);
    }
    return next;
  }, IDLE);
  const open = () => {
    if (read) return;
    setRead(true);
    // Sent as the page changes: keepalive lets it finish after this page is gone.
    void fetch(`/api/v1/notifications/${encodeURIComponent(n.id)}/read`, { method: 'POST', keepalive: true })
      .then(async (r) => (r.ok ? announce(((await r.json()) as { unread: number }).unread) : undefined))
      .catch(() => undefined);
  };
  return (
    <li className={`flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-start sm:justify-between ${read ? '' : 'bg-brand-50/60 dark:bg-slate-800/60'}`} data-read={read}>
      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex flex-wrap items-center gap-2 text-xs muted">
          {read ? null : <span className="size-2 rounded-full bg-brand-600" aria-hidden />}
          <span className="sr-only">{read ? 'Read.' : 'Unread.'}</span>
          <Badge tone={REASON_TONES[n.reason]}>{REASON_LABELS[n.reason]}</Badge>
          <time dateTime={n.createdAt}>{n.when}</time>
        </div>
        <p className="break-words [overflow-wrap:anywhere]">
          <Link href={n.href as never} onClick={open} className={`underline-offset-2 hover:underline ${read ? 'text-slate-800 dark:text-slate-200' : 'font-semibold'}`}>
            <bdi>{n.title}</bdi>
          </Link>
        </p>
        {n.detail ? <p className="break-words text-sm text-slate-600 [overflow-wrap:anywhere] dark:text-slate-400"><bdi>{n.detail}</bdi></p> : null}
      </div>
      <form action={formAction} className="flex shrink-0 flex-col items-start gap-1 sm:items-end">
        <input type="hidden" name="id" value={n.id} />
        <input type="hidden" name="read" value={read ? 'false' : 'true'} />
        <button type="submit" disabled={pending} className="rounded-md px-2 py-1 text-xs font-medium text-brand-700 hover:bg-slate-100 disabled:opacity-60 dark:text-brand-300 dark:hover:bg-slate-800">
          {read ? 'Mark unread' : 'Mark read'}
          <span className="sr-only">: {n.title}</span>
        </button>
        {state.status === 'error' ? <p role="alert" className="text-xs text-rose-700 dark:text-rose-300">{state.message}</p> : null}
      </form>
    </li>
  );
}
