import type { Metadata } from 'next';
import { PartnershipForm } from '@/components/partnerships/partnership-form';
import { todayIn } from '@/lib/dates';
import { requirePagePermission } from '@/server/auth/require';
import { findOrganizationNames } from '@/server/organizations/names';
import { createPartnershipAction } from '@/server/partnerships/actions';
import { findPartnershipList } from '@/server/partnerships/queries';
import { findPossibleOwners } from '@/server/partnerships/record';
import { BackLink } from '@/components/back-link';

export const metadata: Metadata = { title: 'New partnership' };

export default async function NewPartnershipPage() {
  const actor = await requirePagePermission('partnerships.create');
  const [owners, organizations, templates] = await Promise.all([findPossibleOwners(), findOrganizationNames(), findPartnershipList()]);
  return (
    <div className="mx-auto max-w-4xl">
      <BackLink href="/">Portfolio</BackLink>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight">New partnership</h1>
      <p className="mt-1 mb-6 text-sm muted">
        Open a deal with its parties, owner and key dates. Milestones, checkpoints and regions can come from an existing partnership&apos;s plan, or be added afterwards.
      </p>
      <div className="card p-5">
        <PartnershipForm
          mode="create"
          action={createPartnershipAction}
          owners={owners}
          organizations={organizations}
          templates={templates.map(({ slug, name }) => ({ slug, name }))}
          initial={{ name: '', summary: '', ownerEmail: actor.email ?? owners[0]?.email ?? '', openedOn: todayIn('UTC'), targetSignOn: null, targetLaunchOn: null, signedOn: null, parties: [] }}
        />
      </div>
    </div>
  );
}
