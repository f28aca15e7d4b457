import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { CreateUserForm } from '@/components/users/create-user-form';
import { UserRowActions } from '@/components/users/user-row-actions';
import { ROLE_LABELS } from '@/lib/domain';
import { formatInstant } from '@/lib/format-time';
import { requirePagePermission } from '@/server/auth/require';
import { changeRoleAction, createUserAction, deactivateUserAction, reactivateUserAction } from '@/server/users/actions';
import { findUsers } from '@/server/users/queries';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const actor = await requirePagePermission('users.manage');
  const users = await findUsers();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          {users.filter((u) => u.active).length} active · {users.filter((u) => !u.active).length} deactivated. Deactivating someone signs
          them out everywhere at once and stops their API tokens.
        </p>
      </div>
      <CreateUserForm action={createUserAction} />
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="min-w-full text-left text-sm">
          <caption className="sr-only">People who can sign in to Accord</caption>
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">Person</th>
              <th scope="col" className="px-4 py-3 font-medium">Role</th>
              <th scope="col" className="px-4 py-3 font-medium">Status</th>
              <th scope="col" className="px-4 py-3 font-medium">Last sign-in</th>
              <th scope="col" className="px-4 py-3 font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {users.map((u) => (
              <tr key={u.id} data-user={u.email}>
                <th scope="row" className="px-4 py-3 font-normal">
                  <div className="font-medium">{u.name}</div>
                  <div className="text-xs text-slate-600 dark:text-slate-400">{u.email}</div>
                  <Link href={`/audit?entityType=User&entityId=${u.id}`} className="text-xs text-brand-600 underline dark:text-brand-300">
                    History
                  </Link>
                </th>
                <td className="px-4 py-3">{ROLE_LABELS[u.role]}</td>
                <td className="px-4 py-3">{u.active ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Deactivated</Badge>}</td>
                <td className="px-4 py-3 whitespace-nowrap">{u.lastSignInAt ? formatInstant(u.lastSignInAt) : 'Never'}</td>
                <td className="px-4 py-3">
                  <UserRowActions key={`${u.id}:${u.version}`} user={u} isSelf={u.id === actor.userId}
                    changeRole={changeRoleAction} deactivate={deactivateUserAction} reactivate={reactivateUserAction} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
