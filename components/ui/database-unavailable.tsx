/** Shown instead of a page when the database cannot serve (unreachable, or migrations behind). */
export function DatabaseUnavailable({ reason, inShell = false }: { reason: string; inShell?: boolean }) {
  // Inside the app shell (an error boundary) the shell already has the page's <main>.
  const Wrapper = inShell ? 'div' : 'main';
  return (
    <Wrapper className="mx-auto max-w-2xl px-6 py-24">
      <div role="alert" className="rounded-xl border border-rose-300 bg-rose-50 p-6 dark:border-rose-800 dark:bg-rose-950">
        <h1 className="text-lg font-semibold text-rose-900 dark:text-rose-100">The database is unavailable</h1>
        <p className="mt-2 text-sm text-rose-900 dark:text-rose-200">{reason}</p>
        <p className="mt-4 text-sm text-rose-800 dark:text-rose-300">
          Nothing you entered has been lost. Reload this page once the problem is fixed.
        </p>
      </div>
    </Wrapper>
  );
}
