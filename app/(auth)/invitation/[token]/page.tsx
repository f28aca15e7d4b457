import type { Metadata, Route } from 'next';
import { connection } from 'next/server';
import { AuthFrame } from '@/components/auth-frame';
import { buttonClass, inputClass } from '@/components/forms/form-message';
import { LimitedInput } from '@/components/forms/limited-text';
import Link from '@/components/link';
import { formatInstant } from '@/lib/format-time';
import { ACCEPT_PROBLEMS, type AcceptProblem } from '@/lib/schemas/invitations';
import { PASSWORD_MAX, PASSWORD_MIN } from '@/lib/schemas/profile';
import { GONE, NOT_AN_INVITATION } from '@/server/invitations/mutations';
import { findInvitationForLink } from '@/server/invitations/queries';

export const metadata: Metadata = { title: 'Your invitation', robots: { index: false } };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const HEADINGS = { accepted: 'This invitation has been used', revoked: 'This invitation was withdrawn', expired: 'This invitation has expired' } as const;

/**
 * Where an invitation's link lands, signed out (issue 17): who invited whom, for which
 * organization, and a form to choose a password. Opening it changes nothing (mail scanners open
 * links); the form posts to /api/invitation/<token>, which makes the account and signs them in.
 */
export default async function InvitationPage({ params, searchParams }: Props) {
  // Rendered for each request: the answer changes once the link is used (never a kept page).
  await connection();
  const { token } = await params;
  const problemCode = (await searchParams).problem;
  const problem = typeof problemCode === 'string' && problemCode in ACCEPT_PROBLEMS ? ACCEPT_PROBLEMS[problemCode as AcceptProblem] : null;
  const invitation = await findInvitationForLink(decodeURIComponent(token).slice(0, 200));
  const muted = 'text-sm muted';
  const gone = invitation && invitation.state !== 'pending' ? invitation.state : null;
  if (!invitation || gone) {
    return (
      <AuthFrame width="md" spaced>
        <h1 className="text-lg font-semibold">{gone ? HEADINGS[gone] : 'This invitation link does not work'}</h1>
        <p className={muted}>{gone ? GONE[gone] : NOT_AN_INVITATION}</p>
        <p className="text-sm"><Link className="underline" href={'/sign-in' as Route}>Go to sign-in</Link></p>
      </AuthFrame>
    );
  }
  return (
    <AuthFrame width="md" spaced>
      <div>
        <h1 className="text-lg font-semibold">Join Accord for <bdi>{invitation.organization.name}</bdi></h1>
        <p className={`mt-1 ${muted}`}>
          {invitation.invitedBy ? <><bdi>{invitation.invitedBy}</bdi> invited you</> : 'You are invited'}, <bdi className="font-medium text-slate-900 dark:text-slate-100">{invitation.name}</bdi> (<bdi className="break-all">{invitation.email}</bdi>),
          to follow {invitation.organization.name}’s partnerships in Accord. Choose a password to finish; this link works once, until {formatInstant(invitation.expiresAt)}.
        </p>
      </div>
      {problem ? (
        <p role="alert" className="rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-100">{problem}</p>
      ) : null}
      <form method="post" action={`/api/invitation/${encodeURIComponent(decodeURIComponent(token))}`} className="space-y-4">
        {/* For password managers: the account the new password belongs to. */}
        <input type="email" name="email" autoComplete="username" value={invitation.email} readOnly hidden />
        <div>
          <label htmlFor="new-password" className="block text-sm font-medium">Password</label>
          <p id="new-password-hint" className="text-xs muted">At least {PASSWORD_MIN} characters. A few unrelated words make a good one.</p>
          <LimitedInput id="new-password" name="newPassword" type="password" required autoComplete="new-password" minLength={PASSWORD_MIN} limit={PASSWORD_MAX}
            aria-describedby="new-password-hint" className={inputClass} />
        </div>
        <div>
          <label htmlFor="confirm-password" className="block text-sm font-medium">Password again</label>
          <LimitedInput id="confirm-password" name="confirmPassword" type="password" required autoComplete="new-password" limit={PASSWORD_MAX} className={inputClass} />
        </div>
        <button type="submit" className={`${buttonClass} w-full`}>Create my account</button>
      </form>
    </AuthFrame>
  );
}
