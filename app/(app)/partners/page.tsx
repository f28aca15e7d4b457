import type { Metadata } from 'next';
import Link from '@/components/link';
import { InviteForm } from '@/components/partners/invite-form';
import { PartnerRowAction } from '@/components/partners/partner-row-action';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageNoticeProvider } from '@/components/ui/page-notice';
import { formatInstant } from '@/lib/format-time';
import { stack } from '@/lib/stacked-table';
import { StackedHead } from '@/components/ui/stacked-head';
import { actorCan } from '@/server/auth/guard';
import { requirePagePermission } from '@/server/auth/require';
import { deactivatePartnerAction, invitePartnerAction, reactivatePartnerAction, revokeInvitationAction } from '@/server/invitations/actions';
import { findInvitableOrganizations, findInvitations, findPartnerPeople } from '@/server/invitations/queries';

export const metadata: Metadata = { title: 'Partner access' };

/**
 * People of partner organizations (issue 17): who can sign in, the invitations still open, and
 * the form to invite someone. Business development and administrators.
 */
export default async function PartnersPage() {
  const actor = await requirePagePermission('partners.invite');
  const [people, invitations, organizations] = await Promise.all([findPartnerPeople(), findInvitations({ pendingOnly: true }), findInvitableOrganizations()]);
  const canReadAudit = actorCan(actor, 'audit.read');
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Partner access</h1>
        <p className="mt-1 max-w-prose text-sm muted">
          People of partner organizations see only the deals their organization is a party to, and of those only what is marked shared.
          Deactivating someone signs them out everywhere at once and stops their API tokens.
        </p>
      </div>
      <PageNoticeProvider>
        <div className="space-y-8">
          <InviteForm action={invitePartnerAction} organizations={organizations} />

          <section aria-labelledby="pending-heading" className="space-y-3">
            <h2 id="pending-heading" className="text-lg font-semibold">Pending invitations</h2>
            {invitations.length === 0 ? (
              <EmptyState title="No pending invitations">Invitations not yet used appear here until they are accepted, revoked or expire.</EmptyState>
            ) : (
              <div className={stack.frame}>
                <table className={stack.table}>
                  <caption className="sr-only">Invitations not yet used</caption>
                  <StackedHead columns={['Invited', 'Organization', 'Sent', 'Expires']} actions />
                  <tbody className={stack.body}>
                    {invitations.map((i) => (
                      <tr key={i.id} data-invitation={i.email} className={stack.row}>
                        <th scope="row" className={`${stack.cell} font-normal`}>
                          <div className="font-medium [overflow-wrap:anywhere]"><bdi>{i.name}</bdi></div>
                          <div className="text-xs text-slate-600 [overflow-wrap:anywhere] dark:text-slate-400">{i.email}</div>
                        </th>
                        <td className={`${stack.cell} [overflow-wrap:anywhere]`}><span className={stack.label}>Organization: </span><bdi>{i.organization.name}</bdi></td>
                        <td className={stack.cell}>
                          <span className={stack.label}>Sent: </span>{formatInstant(i.createdAt)}
                          {i.invitedBy ? <span className="block text-xs text-slate-600 [overflow-wrap:anywhere] dark:text-slate-400">by <bdi>{i.invitedBy}</bdi></span> : null}
                        </td>
                        <td className={`${stack.cell} sm:whitespace-nowrap`}><span className={stack.label}>Expires: </span>{formatInstant(i.expiresAt)}</td>
                        <td className={stack.cell}>
                          <PartnerRowAction action={revokeInvitationAction} fields={{ invitationId: i.id }} label="Revoke" accessibleName={`Revoke the invitation of ${i.email}`}
                            confirmText={`Revoke the invitation of ${i.name} (${i.email})? Its link stops working at once.`} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section aria-labelledby="people-heading" className="space-y-3">
            <h2 id="people-heading" className="text-lg font-semibold">Partner users</h2>
            {people.length === 0 ? (
              <EmptyState title="No partner users yet">People appear here once they accept an invitation.</EmptyState>
            ) : (
              <div className={stack.frame}>
                <table className={stack.table}>
                  <caption className="sr-only">People of partner organizations who can sign in</caption>
                  <StackedHead columns={['Person', 'Organization', 'Status', 'Last sign-in']} actions />
                  <tbody className={stack.body}>
                    {people.map((p) => (
                      <tr key={p.id} data-user={p.email} className={stack.row}>
                        <th scope="row" className={`${stack.cell} font-normal`}>
                          <div className="font-medium [overflow-wrap:anywhere]"><bdi>{p.name}</bdi></div>
                          <div className="text-xs text-slate-600 [overflow-wrap:anywhere] dark:text-slate-400">{p.email}</div>
                          {canReadAudit ? (
                            <Link href={`/audit?entityType=User&entityId=${p.id}`} className="text-xs text-brand-600 underline dark:text-brand-300">History</Link>
                          ) : null}
                        </th>
                        <td className={`${stack.cell} [overflow-wrap:anywhere]`}><span className={stack.label}>Organization: </span><bdi>{p.organization.name}</bdi></td>
                        <td className={stack.cell}>
                          <span className={stack.label}>Status: </span>
                          {p.active ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Deactivated</Badge>}
                        </td>
                        <td className={`${stack.cell} sm:whitespace-nowrap`}>
                          <span className={stack.label}>Last sign-in: </span>{p.lastSignInAt ? formatInstant(p.lastSignInAt) : 'Never'}
                        </td>
                        <td className={stack.cell}>
                          <PartnerRowAction key={`${p.id}:${p.version}`} action={p.active ? deactivatePartnerAction : reactivatePartnerAction}
                            fields={{ userId: p.id, version: p.version }} label={p.active ? 'Deactivate' : 'Reactivate'}
                            accessibleName={`${p.active ? 'Deactivate' : 'Reactivate'} ${p.email}`}
                            confirmText={p.active ? `Deactivate ${p.name} (${p.email})? They are signed out at once and their API tokens stop working.` : undefined} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>
      </PageNoticeProvider>
    </div>
  );
}
