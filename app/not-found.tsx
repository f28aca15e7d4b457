import Link from '@/components/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 muted">There is nothing at this address.</p>
      <Link href="/" className="mt-6 inline-block text-brand-600 underline dark:text-brand-300">Back to the portfolio</Link>
    </main>
  );
}
