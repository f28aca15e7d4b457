import type { Metadata } from 'next';
import Link from '@/components/link';
import { OrganizationForm } from '@/components/organizations/organization-form';
import { EmptyState } from '@/components/ui/empty-state';
import { ORGANIZATION_KIND_LABELS } from '@/lib/domain';
import { actorCan } from '@/server/auth/guard';
import { requirePagePermission } from '@/server/auth/require';
import { createOrganizationAction } from '@/server/organizations/actions';
import { findOrganizations } from '@/server/organizations/queries';

export const metadata: Metadata = { title: 'Organizations' };

type Props = { searchParams: Promise<{ deleted?: string | string[] }> };

export default async function OrganizationsPage({ searchParams }: Props) {
  const actor = await requirePagePermission('partnerships.read');
  const canManage = actorCan(actor, 'organizations.manage');
  const [organizations, { deleted }] = await Promise.all([findOrganizations(), searchParams]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Organizations</h1>
        <p className="mt-1 text-sm muted">
          The companies that are, or may become, parties to a partnership. One that is a party to a deal cannot be deleted.
        </p>
      </div>
      {typeof deleted === 'string' && deleted ? (
        <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100">
          Deleted <bdi>{deleted.slice(0, 200)}</bdi>.
        </p>
      ) : null}
      {canManage ? (
        <section aria-labelledby="add-organization" className="card p-5">
          <h2 id="add-organization" className="mb-3 text-base font-semibold">Add an organization</h2>
          <OrganizationForm action={createOrganizationAction} />
        </section>
      ) : null}
      {organizations.length === 0 ? (
        <EmptyState title="No organizations yet">Organizations appear here when a partnership names them as parties, or when someone adds one.</EmptyState>
      ) : (
        <div className="overflow-x-auto card">
          <table className="phone-cards min-w-full text-left text-sm">
            <caption className="sr-only">Organizations and the partnerships they are parties to</caption>
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">Organization</th>
                <th scope="col" className="px-4 py-3 font-medium">Kind</th>
                <th scope="col" className="px-4 py-3 font-medium">Country</th>
                <th scope="col" className="px-4 py-3 font-medium">Website</th>
                <th scope="col" className="px-4 py-3 font-medium">Partnerships</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {organizations.map((o) => (
                <tr key={o.id} data-organization={o.name}>
                  <th scope="row" className="px-4 py-3 font-medium">
                    <Link href={`/organizations/${o.id}`} className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-300"><bdi>{o.name}</bdi></Link>
                  </th>
                  <td data-label="Kind" className="px-4 py-3 whitespace-nowrap">{ORGANIZATION_KIND_LABELS[o.kind]}</td>
                  <td data-label="Country" className="px-4 py-3">{o.country ? <span title={o.countryName ?? undefined}>{o.countryName ?? o.country}</span> : <span className="text-slate-500 dark:text-slate-400">—</span>}</td>
                  <td data-label="Website" className="max-w-56 truncate px-4 py-3">
                    {o.website ? <a href={o.website} rel="noopener noreferrer nofollow" target="_blank" className="underline">{o.website.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '')}</a> : <span className="text-slate-500 dark:text-slate-400">—</span>}
                  </td>
                  <td data-label="Partnerships" className="px-4 py-3">
                    {o.deals.length ? (
                      <ul className="space-y-0.5">
                        {o.deals.map((d) => (
                          <li key={d.slug}><Link href={`/partnerships/${d.slug}`} className="underline"><bdi>{d.name}</bdi></Link> <span className="text-xs muted">(<bdi>{d.role}</bdi>)</span></li>
                        ))}
                      </ul>
                    ) : <span className="text-slate-500 dark:text-slate-400">None</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
