import type { Metadata } from 'next';
import { AuthFrame } from '@/components/auth-frame';
import { redirect } from 'next/navigation';
import { safeNextPath } from '@/server/api/respond';
import { DatabaseUnavailable } from '@/components/ui/database-unavailable';
import { currentActor } from '@/server/auth/session';
import { checkDatabaseReadiness } from '@/server/health/readiness';
import { ssoConfig } from '@/server/sso/config';

export const metadata: Metadata = { title: 'Sign in' };

const MESSAGES: Record<string, string> = {
  invalid: 'Email or password is incorrect.',
  missing: 'Enter your email and password.',
  unavailable: 'The database is unavailable right now, so nobody can sign in. Please try again in a moment.',
  'not-configured': 'Sign-in is not set up on this server yet (it has no session secret), so nobody can sign in. Tell whoever runs Accord: they set ACCORD_AUTH_SECRET.',
  // Single sign-on (issue 18): server/sso/provision.ts decides, server/sso/flow.ts sends the reason here.
  'sso-unverified': 'Your identity provider has not verified your email address, so Accord cannot sign you in with it, and no account was created. Ask whoever runs your sign-in to verify the address, then try again.',
  'sso-no-account': 'You have no Accord account yet, and new people are not added on their first sign-in. Ask an administrator to add you.',
  'sso-deactivated': 'Your Accord account is deactivated. Ask an administrator if you need it again.',
  'sso-no-email': 'Your identity provider sent no email address, so Accord cannot tell who you are.',
  'sso-failed': 'Single sign-on did not complete, so you are not signed in. Please try again.',
  'sso-unreachable': 'The single sign-on provider cannot be reached right now. Please try again in a moment.',
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const one = (key: string) => (typeof params[key] === 'string' ? (params[key] as string) : undefined);
  const next = safeNextPath(one('next'));
  // Without a database nobody can sign in: say so rather than fail (issue 8, outages).
  const readiness = await checkDatabaseReadiness();
  if (!readiness.ok) return <DatabaseUnavailable reason={readiness.reason} />;
  if (await currentActor()) redirect(next as never);
  const error = one('error');
  const retry = Number(one('retry') ?? 0);
  const sso = ssoConfig();
  const domain = one('email')?.split('@').at(-1)?.replace(/[^A-Za-z0-9.-]/g, '').slice(0, 253);
  const message =
    error === 'throttled'
      ? `Too many failed attempts. Try again in ${retry > 90 ? `${Math.ceil(retry / 60)} minutes` : `${retry} seconds`}.`
      : error === 'sso-only'
        ? `People at ${domain || 'your domain'} sign in with ${sso?.label ?? 'single sign-on'}, not with a password${sso ? ': use the button above.' : '.'}`
      : error
        ? (MESSAGES[error] ?? MESSAGES.invalid)
        : null;

  return (
    <AuthFrame width="sm">
      <h1 className="text-lg font-semibold">Sign in</h1>
      <p className="mt-1 text-sm muted">Track partnerships from handshake to launch.</p>
      {one('welcome') ? (
        <p role="status" className="mt-4 rounded-md bg-slate-100 px-3 py-2 text-sm dark:bg-slate-800">Your account is ready: sign in with the password you just chose.</p>
      ) : null}
      {one('signed-out') ? (
        <p role="status" className="mt-4 rounded-md bg-slate-100 px-3 py-2 text-sm dark:bg-slate-800">You are signed out.</p>
      ) : null}
      {message ? (
        <p role="alert" className="mt-4 rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-100">
          {message}
        </p>
      ) : null}
      {sso ? (
        <>
          {/* A link, not a form: the provider is another site, and the CSP lets forms post only here. */}
          <a href={`/api/auth/sso${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`}
            className="mt-5 flex w-full items-center justify-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-900 shadow-sm hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800">
            Sign in with {sso.label}
          </a>
          <p className="mt-5 flex items-center gap-3 text-xs muted" aria-hidden="true">
            <span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />or with your password<span className="h-px flex-1 bg-slate-200 dark:bg-slate-700" />
          </p>
        </>
      ) : null}
      <form method="post" action="/api/auth/sign-in" className={sso ? 'mt-3 space-y-4' : 'mt-5 space-y-4'}>
        <input type="hidden" name="next" value={next} />
        <div>
          <label htmlFor="email" className="block text-sm font-medium">Email</label>
          <input
            id="email" name="email" type="email" autoComplete="username" required autoFocus
            defaultValue={one('email') ?? ''}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-950"
          />
        </div>
        <div>
          <label htmlFor="password" className="block text-sm font-medium">Password</label>
          <input
            id="password" name="password" type="password" autoComplete="current-password" required
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-950"
          />
        </div>
        <button type="submit" className="w-full rounded-md bg-brand-600 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          Sign in
        </button>
      </form>
    </AuthFrame>
  );
}
