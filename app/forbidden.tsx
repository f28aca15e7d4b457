import Link from '@/components/link';

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <h1 className="text-2xl font-semibold">You do not have access to this page</h1>
      <p className="mt-2 muted">Your role does not include it. Ask an administrator if you need it.</p>
      <Link href="/" className="mt-6 inline-block text-brand-600 underline dark:text-brand-300">Back to the portfolio</Link>
    </main>
  );
}
