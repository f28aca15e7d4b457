import type { Metadata } from 'next';
import { ConfidentialAccessForm } from '@/components/users/confidential-access-form';
import { ROLE_LABELS } from '@/lib/domain';
import { requirePagePermission } from '@/server/auth/require';
import { updateConfidentialAccessAction } from '@/server/metric-policies/actions';
import { findConfidentialAccess } from '@/server/metric-policies/queries';
import { BackLink } from '@/components/back-link';

export const metadata: Metadata = { title: 'Confidential figures' };

/** Which internal roles see the metrics marked confidential on a partnership (issue 17, item 5). */
export default async function ConfidentialFiguresPage() {
  await requirePagePermission('users.manage');
  const access = await findConfidentialAccess();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <BackLink href="/admin/users">Users</BackLink>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Confidential figures</h1>
        <p className="mt-1 text-sm muted">
          A metric marked confidential on a partnership (payment volume, unless changed on the partnership&apos;s edit page) is shown only
          to the roles ticked here: in pages, the API, exports, charts and mails. Partners never see confidential figures.
        </p>
      </div>
      <ConfidentialAccessForm key={access.map((a) => String(a.allowed)).join('.')} action={updateConfidentialAccessAction}
        roles={access.map((a) => ({ role: a.role, label: ROLE_LABELS[a.role], allowed: a.allowed }))} />
    </div>
  );
}
