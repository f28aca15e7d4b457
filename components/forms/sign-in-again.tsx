'use client';

import { usePathname } from 'next/navigation';

/**
 * After a refusal because the session ended (signed out elsewhere, deactivated, expired): a link
 * to sign in again that comes back here. Opens in a new tab so what was typed here is kept.
 */
export function SignInAgain({ code }: { code: number }) {
  const path = usePathname();
  if (code !== 401) return null;
  return (
    <a href={`/sign-in?next=${encodeURIComponent(path)}`} target="_blank" rel="noopener" className="ml-2 underline">
      Sign in again (opens a new tab; what you typed stays here)
    </a>
  );
}
