import type { Metadata } from 'next';
import { AuthFrame } from '@/components/auth-frame';
import type { Route } from 'next';
import { redirect } from 'next/navigation';
import { ChangePasswordForm } from '@/components/profile/change-password-form';
import { currentActor } from '@/server/auth/session';
import { chooseFirstPasswordAction } from '@/server/profile/actions';

export const metadata: Metadata = { title: 'Choose your password' };

/**
 * Where a person signed in with a temporary password lands, whatever page they asked for
 * (server/auth/require.ts); the guard refuses everything else until they choose their own.
 */
export default async function ChoosePasswordPage() {
  const actor = await currentActor();
  if (!actor) redirect('/sign-in' as Route);
  if (!actor.mustChangePassword) redirect('/' as Route);
  return (
    <AuthFrame width="md" spaced>
      <div>
        <h1 className="text-lg font-semibold">Choose your password</h1>
        <p className="mt-1 text-sm muted">
          Welcome, <bdi>{actor.name}</bdi>. You signed in with a temporary password from an administrator; choose your own to continue.
        </p>
      </div>
      <ChangePasswordForm action={chooseFirstPasswordAction} currentLabel="Temporary password" submitLabel="Save and continue" />
      <form method="post" action="/api/auth/sign-out" className="border-t border-slate-200 pt-4 dark:border-slate-800">
        <button type="submit" className="text-sm text-slate-600 underline dark:text-slate-400">Sign out instead</button>
      </form>
    </AuthFrame>
  );
}
