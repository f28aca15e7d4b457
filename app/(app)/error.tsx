'use client';

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-xl border border-rose-300 bg-rose-50 p-6 dark:border-rose-800 dark:bg-rose-950">
      <h1 className="text-lg font-semibold">This page could not load</h1>
      <p className="mt-2 text-sm">Something went wrong on our side. Nothing you entered was lost.</p>
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-rose-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-800">
        Try again
      </button>
    </div>
  );
}
