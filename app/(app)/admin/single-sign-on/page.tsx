import type { Metadata } from 'next';
import { SignInPolicyForm } from '@/components/sso/sign-in-policy-form';
import { ROLE_LABELS } from '@/lib/domain';
import { SSO_NEW_USER_ROLES, SSO_REFUSE } from '@/lib/schemas/sign-in-policy';
import { requirePagePermission } from '@/server/auth/require';
import { updateSignInPolicyAction } from '@/server/sso/actions';
import { ssoConfig, ssoRedirectUri } from '@/server/sso/config';
import { findSignInPolicy } from '@/server/sso/policy';
import { BackLink } from '@/components/back-link';

export const metadata: Metadata = { title: 'Single sign-on' };

/** How people sign in (issue 18, docs/decisions/021-single-sign-on.md). */
export default async function SingleSignOnPage() {
  await requirePagePermission('signin.manage');
  const policy = await findSignInPolicy();
  const sso = ssoConfig();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <BackLink href="/admin/users">Users</BackLink>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Single sign-on</h1>
        <p className="mt-1 text-sm muted">
          People sign in with your OpenID Connect provider; an existing account is found by the email address the provider has verified.
        </p>
      </div>
      <section aria-labelledby="provider-heading" className="rounded-lg border border-slate-200 p-4 text-sm dark:border-slate-800">
        <h2 id="provider-heading" className="font-semibold">Provider</h2>
        {sso ? (
          <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
            <dt className="muted">Issuer</dt>
            <dd className="font-mono [overflow-wrap:anywhere]">{sso.issuer}</dd>
            <dt className="muted">Client id</dt>
            <dd className="font-mono [overflow-wrap:anywhere]">{sso.clientId}</dd>
            <dt className="muted">Redirect address</dt>
            <dd className="font-mono [overflow-wrap:anywhere]">{ssoRedirectUri()}</dd>
          </dl>
        ) : (
          <p className="mt-2">
            Single sign-on is off: set <code>ACCORD_OIDC_ISSUER</code>, <code>ACCORD_OIDC_CLIENT_ID</code> and{' '}
            <code>ACCORD_OIDC_CLIENT_SECRET</code> on the server and restart it. Until then the settings below are kept but not used,
            and everyone signs in with a password.
          </p>
        )}
      </section>
      <SignInPolicyForm action={updateSignInPolicyAction} version={policy.version}
        newUserRole={policy.ssoNewUserRole ?? SSO_REFUSE} passwordOffDomains={policy.passwordOffDomains}
        roles={SSO_NEW_USER_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
    </div>
  );
}
