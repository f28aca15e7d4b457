import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import Link from '@/components/link';
import { ChangePasswordForm } from '@/components/profile/change-password-form';
import { NameForm } from '@/components/profile/name-form';
import { SessionList } from '@/components/profile/session-list';
import { ROLE_LABELS } from '@/lib/domain';
import { actorCan } from '@/server/auth/guard';
import { requirePagePermission } from '@/server/auth/require';
import { changeOwnPasswordAction, renameSelfAction, signOutOtherSessionsAction, signOutSessionAction } from '@/server/profile/actions';
import { findProfile } from '@/server/profile/queries';

export const metadata: Metadata = { title: 'Your profile' };

const card = 'space-y-4 card p-5';

export default async function ProfilePage() {
  // One's own account: partner users keep theirs too (issue 17).
  const actor = await requirePagePermission('profile.update', { partners: 'scoped' });
  const profile = await findProfile(actor);
  if (!profile) notFound();
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Your profile</h1>
        <p className="mt-1 text-sm muted">
          <bdi className="break-all">{profile.email}</bdi> · {ROLE_LABELS[profile.role]}. An administrator changes your email and role.
          {/* The mail page refuses partner users (issue 17): no link to it for them. */}
          {actorCan(actor, 'subscriptions.manage') ? <> Digests and exports by mail are on your <Link href="/settings/mail" className="underline">mail page</Link>.</> : null}
        </p>
      </div>
      <section aria-labelledby="name-heading" className={card}>
        <h2 id="name-heading" className="text-base font-semibold">Name</h2>
        <NameForm name={profile.name} action={renameSelfAction} />
      </section>
      <section aria-labelledby="password-heading" className={card}>
        <div>
          <h2 id="password-heading" className="text-base font-semibold">Password</h2>
          <p className="mt-1 text-sm muted">After a change, your other sessions are signed out; this one stays.</p>
        </div>
        <ChangePasswordForm action={changeOwnPasswordAction} />
      </section>
      <section aria-labelledby="sessions-heading" className={card}>
        <div>
          <h2 id="sessions-heading" className="text-base font-semibold">Where you are signed in</h2>
          <p className="mt-1 text-sm muted">
            Each browser you signed in with, until you sign out there or it sits unused for 8 hours. Times in UTC.
          </p>
        </div>
        <SessionList sessions={profile.sessions} endOne={signOutSessionAction} endOthers={signOutOtherSessionsAction} />
      </section>
    </div>
  );
}
