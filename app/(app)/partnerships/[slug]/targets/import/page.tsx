import type { Route } from 'next';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ImportForm } from '@/components/metrics/import-form';
import { requirePagePermission } from '@/server/auth/require';
import { findPartnershipName } from '@/server/partnerships/queries';
import { BackLink } from '@/components/back-link';

export const metadata: Metadata = { title: 'Import targets' };

export default async function ImportTargetsPage({ params }: { params: Promise<{ slug: string }> }) {
  await requirePagePermission('targets.update');
  const slug = (await params).slug.slice(0, 200);
  const partnership = await findPartnershipName(slug);
  if (!partnership) notFound();
  return (
    <div className="max-w-4xl space-y-5">
      <div>
        <BackLink href={`/partnerships/${slug}/targets` as Route}>Targets</BackLink>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Import targets into {partnership.name}</h1>
        <p className="mt-1 text-sm muted">
          Accord checks every line first and lists each problem; nothing is written until the whole file is clean.
        </p>
      </div>
      <ImportForm slug={slug} partnershipName={partnership.name} kind="targets" />
    </div>
  );
}
