'use client';

import { PageError } from '@/components/ui/page-error';

// Catches what the route groups' own boundaries cannot: a layout that fails (e.g. the database
// goes away between the readiness check and the session lookup) and the sign-in page.
export default function RootError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError reset={reset} />;
}
