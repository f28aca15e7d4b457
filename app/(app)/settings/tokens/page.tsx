import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { CreateTokenForm } from '@/components/tokens/create-token-form';
import { RevokeTokenButton } from '@/components/tokens/revoke-token-button';
import { formatInstant } from '@/lib/format-time';
import { requirePagePermission } from '@/server/auth/require';
import { createTokenAction, revokeTokenAction } from '@/server/tokens/actions';
import { findTokensOf } from '@/server/tokens/queries';

export const metadata: Metadata = { title: 'API tokens' };

const STATE_TONE = { active: 'success', revoked: 'neutral', expired: 'warning' } as const;

export default async function TokensPage() {
  const actor = await requirePagePermission('tokens.manage');
  const tokens = await findTokensOf(actor.userId!);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
        <p className="mt-1 max-w-prose text-sm text-slate-600 dark:text-slate-400">
          Scripts call <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">/api/v1</code> with{' '}
          <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">Authorization: Bearer &lt;token&gt;</code>. A token acts with
          your permissions; a read-only token cannot change anything.
        </p>
      </div>
      <CreateTokenForm action={createTokenAction} />
      {tokens.length === 0 ? (
        <EmptyState title="No tokens yet">Create one above when a script needs to reach Accord.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="min-w-full text-left text-sm">
            <caption className="sr-only">Your API tokens</caption>
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">Name</th>
                <th scope="col" className="px-4 py-3 font-medium">Access</th>
                <th scope="col" className="px-4 py-3 font-medium">Created</th>
                <th scope="col" className="px-4 py-3 font-medium">Expires</th>
                <th scope="col" className="px-4 py-3 font-medium">Last used</th>
                <th scope="col" className="px-4 py-3 font-medium">State</th>
                <th scope="col" className="px-4 py-3 font-medium"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {tokens.map((t) => (
                <tr key={t.id}>
                  <th scope="row" className="px-4 py-3 font-medium">
                    {t.name} <span className="ml-1 font-mono text-xs text-slate-500 dark:text-slate-400">{t.prefix}…</span>
                  </th>
                  <td className="px-4 py-3">{t.readOnly ? 'Read-only' : 'Read and write'}</td>
                  <td className="px-4 py-3 whitespace-nowrap">{formatInstant(t.createdAt)}</td>
                  <td className="px-4 py-3 whitespace-nowrap">{t.expiresAt ? formatInstant(t.expiresAt) : 'Never'}</td>
                  <td className="px-4 py-3 whitespace-nowrap">{t.lastUsedAt ? formatInstant(t.lastUsedAt) : 'Not yet'}</td>
                  <td className="px-4 py-3"><Badge tone={STATE_TONE[t.state]}>{t.state[0]!.toUpperCase() + t.state.slice(1)}</Badge></td>
                  <td className="px-4 py-3 text-right">
                    {t.state === 'active' ? <RevokeTokenButton tokenId={t.id} name={t.name} action={revokeTokenAction} /> : null}
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
