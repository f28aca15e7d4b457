import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ImportForm } from '@/components/metrics/import-form';
import { requirePagePermission } from '@/server/auth/require';
import { findPartnershipName } from '@/server/partnerships/queries';
import { BackLink } from '@/components/back-link';

export const metadata: Metadata = { title: 'Import metrics' };

export default async function ImportMetricsPage({ params }: { params: Promise<{ slug: string }> }) {
  await requirePagePermission('metrics.import');
  const slug = (await params).slug.slice(0, 200);
  const partnership = await findPartnershipName(slug);
  if (!partnership) notFound();
  return (
    <div className="max-w-4xl space-y-5">
      <div>
        <BackLink href={`/partnerships/${slug}/metrics`}>Metrics explorer</BackLink>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Import metrics into {partnership.name}</h1>
        <p className="mt-1 text-sm muted">
          Accord checks every line first and lists each problem; nothing is written until the whole file is clean.
        </p>
      </div>
      <ImportForm slug={slug} partnershipName={partnership.name} />
    </div>
  );
}
