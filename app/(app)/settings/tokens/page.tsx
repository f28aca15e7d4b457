import type { Metadata } from 'next';
import Link from '@/components/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { CreateTokenForm } from '@/components/tokens/create-token-form';
import { RevokeTokenButton } from '@/components/tokens/revoke-token-button';
import { formatInstant } from '@/lib/format-time';
import { stack } from '@/lib/stacked-table';
import { StackedHead } from '@/components/ui/stacked-head';
import { requirePagePermission } from '@/server/auth/require';
import { createTokenAction, revokeTokenAction } from '@/server/tokens/actions';
import { findTokensOf } from '@/server/tokens/queries';

export const metadata: Metadata = { title: 'API tokens' };

const STATE_TONE = { active: 'success', revoked: 'neutral', expired: 'warning' } as const;

export default async function TokensPage() {
  // One's own tokens: partners too; a token acts with its owner's scope (issue 17).
  const actor = await requirePagePermission('tokens.manage', { partners: 'scoped' });
  const tokens = await findTokensOf(actor.userId!);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
        <p className="mt-1 max-w-prose text-sm muted">
          Scripts call <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">/api/v1</code> with{' '}
          <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">Authorization: Bearer &lt;token&gt;</code>. A token acts with
          your permissions; a read-only token cannot change anything. Every route, its parameters and answers:{' '}
          <Link href="/docs/api" className="underline">API reference</Link>.
        </p>
      </div>
      <CreateTokenForm action={createTokenAction} />
      {tokens.length === 0 ? (
        <EmptyState title="No tokens yet">Create one above when a script needs to reach Accord.</EmptyState>
      ) : (
        <div className={stack.frame}>
          <table className={stack.table}>
            <caption className="sr-only">Your API tokens</caption>
            <StackedHead columns={['Name', 'Access', 'Created', 'Expires', 'Last used', 'State']} actions />
            <tbody className={stack.body}>
              {tokens.map((t) => (
                <tr key={t.id} className={stack.row}>
                  <th scope="row" className={`${stack.cell} font-medium [overflow-wrap:anywhere]`}>
                    <bdi>{t.name}</bdi> <span className="ml-1 font-mono text-xs text-slate-500 dark:text-slate-400">{t.prefix}…</span>
                  </th>
                  <td className={stack.cell}><span className={stack.label}>Access: </span>{t.readOnly ? 'Read-only' : 'Read and write'}</td>
                  <td className={`${stack.cell} sm:whitespace-nowrap`}><span className={stack.label}>Created: </span>{formatInstant(t.createdAt)}</td>
                  <td className={`${stack.cell} sm:whitespace-nowrap`}><span className={stack.label}>Expires: </span>{t.expiresAt ? formatInstant(t.expiresAt) : 'Never'}</td>
                  <td className={`${stack.cell} sm:whitespace-nowrap`}><span className={stack.label}>Last used: </span>{t.lastUsedAt ? formatInstant(t.lastUsedAt) : 'Not yet'}</td>
                  <td className={stack.cell}><span className={stack.label}>State: </span><Badge tone={STATE_TONE[t.state]}>{t.state[0]!.toUpperCase() + t.state.slice(1)}</Badge></td>
                  <td className={`${stack.cell} sm:text-right`}>
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
