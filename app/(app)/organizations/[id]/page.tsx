import type { Metadata } from 'next';
import Link from '@/components/link';
import { notFound } from 'next/navigation';
import { DeleteOrganization } from '@/components/organizations/delete-organization';
import { OrganizationForm } from '@/components/organizations/organization-form';
import { ORGANIZATION_KIND_LABELS } from '@/lib/domain';
import { actorCan } from '@/server/auth/guard';
import { requirePagePermission } from '@/server/auth/require';
import { deleteOrganizationAction, updateOrganizationAction } from '@/server/organizations/actions';
import { findOrganization } from '@/server/organizations/queries';
import { BackLink } from '@/components/back-link';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const o = await findOrganization((await params).id);
  return { title: o?.name ?? 'Organization' };
}

export default async function OrganizationPage({ params }: Props) {
  const actor = await requirePagePermission('partnerships.read');
  const o = await findOrganization((await params).id);
  if (!o) notFound();
  const canManage = actorCan(actor, 'organizations.manage');
  return (
    <div className="space-y-6">
      <div>
        <BackLink href="/organizations">Organizations</BackLink>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight"><bdi>{o.name}</bdi></h1>
        <p className="mt-1 text-sm muted">
          {ORGANIZATION_KIND_LABELS[o.kind]}{o.countryName ? ` · ${o.countryName}` : ''}
          {o.website ? <> · <a href={o.website} rel="noopener noreferrer nofollow" target="_blank" className="underline [overflow-wrap:anywhere]">{o.website}</a></> : null}
        </p>
      </div>
      {canManage ? (
        <section aria-labelledby="edit-organization" className="card p-5">
          <h2 id="edit-organization" className="mb-1 text-base font-semibold">Edit</h2>
          <p className="mb-3 text-xs muted">Saved against the version you loaded: if a colleague changed it meanwhile, you are told who, and what you typed stays.</p>
          <OrganizationForm action={updateOrganizationAction} organization={o} />
        </section>
      ) : null}
      <section aria-labelledby="organization-deals" className="card p-5">
        <h2 id="organization-deals" className="mb-3 text-base font-semibold">Partnerships</h2>
        {o.deals.length ? (
          <ul className="space-y-1 text-sm">
            {o.deals.map((d) => <li key={d.slug}><Link href={`/partnerships/${d.slug}`} className="underline"><bdi>{d.name}</bdi></Link> <span className="muted">· <bdi>{d.role}</bdi></span></li>)}
          </ul>
        ) : <p className="text-sm muted">Not a party to any partnership.</p>}
        {canManage ? (
          <div className="mt-4 border-t border-slate-100 pt-4 dark:border-slate-800">
            <DeleteOrganization action={deleteOrganizationAction} id={o.id} version={o.version} name={o.name} />
          </div>
        ) : null}
      </section>
    </div>
  );
}
