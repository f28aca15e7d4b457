import type { Metadata } from 'next';
import Link from '@/components/link';
import { AuditTable } from '@/components/audit/audit-table';
import { inputClass, secondaryButtonClass } from '@/components/forms/form-message';
import { EmptyState } from '@/components/ui/empty-state';
import { auditRangeProblem, readAuditFilter } from '@/lib/schemas/audit';
import { metricAudience } from '@/server/access/metrics';
import { findEntityTitle } from '@/server/audit/present';
import { auditReaderScope, findAuditEntityTypes, findAuditEvents } from '@/server/audit/queries';
import { requirePagePermission } from '@/server/auth/require';

export const metadata: Metadata = { title: 'Audit trail' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  // Partner users read their own actions only (issue 17); values confidential to the reader are
  // replaced by "confidential" (issue 17, item 5: server/audit/redact.ts).
  const actor = await requirePagePermission('audit.read', { partners: 'scoped' });
  const only = auditReaderScope(actor);
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === 'string' && v !== ''));
  // Each wrong filter is named and left out; the others still apply (issue 13, finding 7).
  const { filter, problems } = readAuditFilter(raw as Record<string, string | undefined>);
  // What the reader typed stays in the form, even when it is refused.
  const typed = raw as Record<string, string | undefined>;
  const rangeProblem = auditRangeProblem(filter);
  const [{ rows, nextBefore }, entityTypes, historyOf] = await Promise.all([
    rangeProblem ? { rows: [], nextBefore: null } : findAuditEvents(filter, only, metricAudience(actor)),
    findAuditEntityTypes(only),
    filter.entityId && !only ? findEntityTitle(filter.entityType, filter.entityId) : null,
  ]);
  const older = nextBefore ? `/audit?${new URLSearchParams({ ...(raw as Record<string, string>), before: nextBefore })}` : null;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit trail</h1>
        <p className="mt-1 text-sm muted">{only ? 'Your own changes, sign-ins and token use in Accord. ' : 'Every change, sign-in and token use, with who did it. '}Times are UTC. Nothing here can be edited or deleted; each event keeps its raw record one click away.</p>
      </div>
      <form method="get" className="grid gap-3 card p-4 sm:grid-cols-5">
        <div>
          <label htmlFor="f-entity" className="block text-xs font-medium">Kind of record</label>
          <select id="f-entity" name="entityType" defaultValue={typed.entityType ?? ''} className={inputClass}>
            <option value="">All</option>
            {entityTypes.map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-actor" className="block text-xs font-medium">Who</label>
          <input id="f-actor" name="actor" defaultValue={typed.actor ?? ''} placeholder="name or email" className={inputClass} />
        </div>
        <div>
          <label htmlFor="f-from" className="block text-xs font-medium">From</label>
          <input id="f-from" name="from" type="date" defaultValue={typed.from ?? ''} aria-invalid={rangeProblem ? true : undefined} aria-describedby={rangeProblem ? 'f-range' : undefined} className={inputClass} />
        </div>
        <div>
          <label htmlFor="f-to" className="block text-xs font-medium">To</label>
          <input id="f-to" name="to" type="date" defaultValue={typed.to ?? ''} aria-invalid={rangeProblem ? true : undefined} aria-describedby={rangeProblem ? 'f-range' : undefined} className={inputClass} />
        </div>
        {filter.entityId ? <input type="hidden" name="entityId" value={filter.entityId} /> : null}
        <div className="flex items-end gap-2">
          <button type="submit" className={secondaryButtonClass}>Filter</button>
          <Link href="/audit" className="px-2 py-1.5 text-sm underline">Clear</Link>
        </div>
      </form>
      {problems.length ? (
        <div role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          <p className="font-medium">{problems.length === 1 ? 'This filter was left out:' : 'These filters were left out:'}</p>
          <ul className="list-disc pl-5">{problems.map((p) => <li key={p.parameter}>{p.message}</li>)}</ul>
        </div>
      ) : null}
      {rangeProblem ? <p id="f-range" role="alert" className="text-sm font-medium text-rose-700 dark:text-rose-300">{rangeProblem}</p> : null}
      {historyOf ? <h2 className="text-lg font-semibold">History of <bdi>{historyOf}</bdi></h2> : null}
      {rangeProblem ? null : rows.length === 0 ? <EmptyState title="No events match these filters" /> : <AuditTable rows={rows} />}
      {older ? <Link href={older as never} className="inline-block text-sm text-brand-600 underline dark:text-brand-300">Older events</Link> : null}
    </div>
  );
}
