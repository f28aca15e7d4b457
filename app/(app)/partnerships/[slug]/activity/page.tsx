import { fieldAccess } from '@/server/access/fields';
import { metricAudience } from '@/server/access/metrics';
import type { Metadata, Route } from 'next';
import Link from '@/components/link';
import { notFound } from 'next/navigation';
import { Section } from '@/components/dashboard/section';
import { notePageHref } from '@/components/notes/subject-link';
import { NoteItem, NoteThread } from '@/components/notes/note-thread';
import { formatInstant } from '@/lib/format-time';
import { requirePagePermission } from '@/server/auth/require';
import { findNotes } from '@/server/notes/queries';
import { findActivity } from '@/server/partnerships/activity';
import { findPartnershipName } from '@/server/partnerships/queries';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: 'Notes and activity' };

const TONE = { good: 'text-emerald-800 dark:text-emerald-300', bad: 'text-rose-800 dark:text-rose-300', neutral: '' } as const;

export default async function ActivityPage({ params, searchParams }: Props) {
  const actor = await requirePagePermission('partnerships.read');
  const { slug } = await params;
  const p = await findPartnershipName(slug.slice(0, 200));
  if (!p) notFound();
  const raw = (await searchParams).before;
  // A page of older activity: ?before=<event number>; anything else starts from the newest.
  const before = typeof raw === 'string' && /^\d{1,18}$/.test(raw) ? BigInt(raw) : undefined;
  // Edits of fields confidential to this reader are left out (issue 17, item 5).
  const { hidden } = await fieldAccess(metricAudience(actor), p.id);
  const [notes, activity] = await Promise.all([findNotes('partnership', p.id), findActivity(p.id, before, hidden)]);
  const base = `/partnerships/${p.slug}`;
  return (
    <div className="space-y-6">
      <header>
        <nav aria-label="Breadcrumb" className="text-sm muted">
          <Link href={base as Route} className="underline-offset-2 hover:underline"><bdi>{p.name}</bdi></Link>
        </nav>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Notes and activity</h1>
      </header>

      {before ? null : (
        <Section title="Notes on the deal" id="notes">
          <NoteThread notes={notes} actor={actor} subjectType="partnership" subjectId={p.id}
            emptyText="No notes on the deal yet. Record what was agreed, ask a question, or @mention whoever should know." />
        </Section>
      )}

      <Section title={before ? 'Earlier activity' : 'Activity'} id="activity">
        <p className="mb-3 text-xs muted">Notes on the deal and its milestones, checkpoints and rollouts, stage moves and every change, newest first.</p>
        {activity.items.length ? (
          <ol className="space-y-3" aria-label="Activity, newest first">
            {activity.items.map((item) => (
              <li key={item.id} data-activity={item.kind} className="grid gap-1 sm:grid-cols-[11rem_1fr] sm:gap-4">
                <div className="text-xs muted">
                  <time dateTime={item.at}>{formatInstant(item.at)}</time>
                  <div className="font-medium text-slate-800 dark:text-slate-200"><bdi>{item.actor}</bdi></div>
                </div>
                {item.note ? (
                  <div className="min-w-0">
                    <p className="mb-1 text-xs muted">
                      Note on <Link href={notePageHref(p.slug, item.note.subject) as Route} className="font-medium underline underline-offset-2"><bdi>{item.noteOn ?? 'the deal'}</bdi></Link>
                    </p>
                    <ol className="list-none"><NoteItem note={item.note} actor={actor} anchored={false} /></ol>
                  </div>
                ) : (
                  <ul className="min-w-0 space-y-0.5 text-sm">
                    {item.texts.map((t, i) => (
                      <li key={i} className={`user-text ${item.kind === 'stage' ? 'font-semibold ' : ''}${TONE[t.tone]}`}><bdi>{t.text}</bdi></li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-sm muted">{before ? 'Nothing earlier.' : 'Nothing has happened on this deal yet.'}</p>
        )}
        <div className="mt-4 flex gap-4 text-sm">
          {before ? <Link href={`${base}/activity` as Route} className="font-medium underline underline-offset-2">Newest activity</Link> : null}
          {activity.nextBefore ? <Link href={`${base}/activity?before=${activity.nextBefore}` as Route} className="font-medium underline underline-offset-2">Earlier activity</Link> : null}
        </div>
      </Section>
    </div>
  );
}
