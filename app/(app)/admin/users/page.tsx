import type { Metadata } from 'next';
import Link from '@/components/link';
import { Badge } from '@/components/ui/badge';
import { CreateUserForm } from '@/components/users/create-user-form';
import { UserRowActions } from '@/components/users/user-row-actions';
import { PageNoticeProvider } from '@/components/ui/page-notice';
import { ROLE_LABELS } from '@/lib/domain';
import { formatInstant } from '@/lib/format-time';
import { stack } from '@/lib/stacked-table';
import { StackedHead } from '@/components/ui/stacked-head';
import { requirePagePermission } from '@/server/auth/require';
import { changeRoleAction, createUserAction, deactivateUserAction, reactivateUserAction, resetPasswordAction } from '@/server/users/actions';
import { findUsers } from '@/server/users/queries';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const actor = await requirePagePermission('users.manage');
  const users = await findUsers();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        <p className="mt-1 text-sm muted">
          {users.filter((u) => u.active).length} active · {users.filter((u) => !u.active).length} deactivated. Deactivating someone signs
          them out everywhere at once and stops their API tokens.{' '}
          <Link href="/admin/confidential-figures" className="underline">Confidential figures</Link>: which roles see them.{' '}
          <Link href="/admin/single-sign-on" className="underline">Single sign-on</Link>: who it may create, and who must use it.
        </p>
      </div>
      <PageNoticeProvider>
        <CreateUserForm action={createUserAction} />
        <div className={stack.frame}>
          <table className={stack.table}>
            <caption className="sr-only">People who can sign in to Accord</caption>
            <StackedHead columns={['Person', 'Role', 'Status', 'Last sign-in']} actions />
            <tbody className={stack.body}>
              {users.map((u) => (
                <tr key={u.id} data-user={u.email} className={stack.row}>
                  <th scope="row" className={`${stack.cell} font-normal`}>
                    <div className="font-medium [overflow-wrap:anywhere]"><bdi>{u.name}</bdi></div>
                    <div className="text-xs text-slate-600 [overflow-wrap:anywhere] dark:text-slate-400">{u.email}</div>
                    <Link href={`/audit?entityType=User&entityId=${u.id}`} className="text-xs text-brand-600 underline dark:text-brand-300">
                      History
                    </Link>
                  </th>
                  <td className={stack.cell}><span className={stack.label}>Role: </span>{ROLE_LABELS[u.role]}{u.organization ? <> · <bdi>{u.organization}</bdi></> : null}</td>
                  <td className={stack.cell}>
                    <span className={stack.label}>Status: </span>
                    {u.active ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Deactivated</Badge>}
                    {u.active && u.mustChangePassword ? <span className="ml-1 text-xs muted">temporary password</span> : null}
                  </td>
                  <td className={`${stack.cell} sm:whitespace-nowrap`}>
                    <span className={stack.label}>Last sign-in: </span>{u.lastSignInAt ? formatInstant(u.lastSignInAt) : 'Never'}
                  </td>
                  <td className={stack.cell}>
                    <UserRowActions key={`${u.id}:${u.version}`} user={u} isSelf={u.id === actor.userId}
                      changeRole={changeRoleAction} deactivate={deactivateUserAction} reactivate={reactivateUserAction} resetPassword={resetPasswordAction} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </PageNoticeProvider>
    </div>
  );
}
