import type { Route } from 'next';
import type { Metadata } from 'next';
import Link from '@/components/link';
import { notFound } from 'next/navigation';
import { Section } from '@/components/dashboard/section';
import { PartnershipForm } from '@/components/partnerships/partnership-form';
import { StageBadge } from '@/components/partnerships/stage-badge';
import { StageForm } from '@/components/partnerships/stage-form';
import { StageHistory } from '@/components/dashboard/stage-history';
import { todayIn } from '@/lib/dates';
import { actorCan } from '@/server/auth/guard';
import { requirePagePermission } from '@/server/auth/require';
import { findPendingApprovalsOf } from '@/server/approvals/queries';
import { findOrganizationNames } from '@/server/organizations/names';
import { moveStageAction, updatePartnershipAction } from '@/server/partnerships/actions';
import { MetricPoliciesForm } from '@/components/metrics/metric-policies-form';
import { NotFoundError } from '@/server/errors';
import { updateMetricPoliciesAction } from '@/server/metric-policies/actions';
import { findMetricPolicies } from '@/server/metric-policies/queries';
import { findPartnershipRecord, findPossibleOwners, hiddenFieldsFor } from '@/server/partnerships/record';
import { FieldPoliciesForm } from '@/components/partnerships/field-policies-form';
import type { ConfidentialField } from '@/lib/schemas/field-policies';
import { updateFieldPoliciesAction } from '@/server/field-policies/actions';
import { findFieldPolicies } from '@/server/field-policies/queries';
import { BackLink } from '@/components/back-link';

export const metadata: Metadata = { title: 'Edit partnership' };

type Props = { params: Promise<{ slug: string }> };

export default async function EditPartnershipPage({ params }: Props) {
  const actor = await requirePagePermission('partnerships.update');
  const slug = (await params).slug.slice(0, 200);
  const orNull = (error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  };
  const [record, owners, organizations, sharing, fields] = await Promise.all([
    findPartnershipRecord(slug), findPossibleOwners(), findOrganizationNames(),
    findMetricPolicies(slug).catch(orNull), findFieldPolicies(slug).catch(orNull),
  ]);
  if (!record) notFound();
  // Fields confidential to this editor (issue 17, item 5) leave the page's data: "Confidential" instead.
  const hidden = await hiddenFieldsFor(actor, record.id);
  const shown = <V,>(field: ConfidentialField, value: V) => (hidden.includes(field) ? null : value);
  const limit = record.stageLimitDays;
  // Four eyes (issue 17): a signing asked for waits for someone else's approval.
  const signing = (await findPendingApprovalsOf(record.id)).find((a) => a.kind === 'PARTNERSHIP_SIGNED');
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div>
        <BackLink href={`/partnerships/${slug}`}>{record.name}</BackLink>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Edit {record.name}</h1>
        <p className="mt-1 text-sm muted">
          Saves are checked against the version you loaded: if a colleague changed the record meanwhile, you are told who, and what you typed stays.{' '}
          <Link href={`/partnerships/${slug}/manage`} className="underline">Milestones, checkpoints and rollouts</Link> are updated on their own page.
        </p>
      </div>
      <Section title="Stage" id="stage">
        <p className="mb-4 flex flex-wrap items-center gap-2 text-sm">
          <StageBadge stage={record.stage} />
          <span>for {record.daysInStage} day{record.daysInStage === 1 ? '' : 's'}</span>
          {record.stageOverdue && limit !== null ? <span className="font-medium text-amber-800 dark:text-amber-300">· longer than the {limit} days this stage usually takes</span> : null}
          {record.signedOn ? <span className="muted">· signed on {record.signedOn}</span> : null}
        </p>
        {signing ? (
          <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100" data-waiting-approval>
            Signing waits for approval: asked by <bdi>{signing.requestedBy.name}</bdi>. <Link href={'/approvals' as Route} className="underline">See Approvals</Link>.
          </p>
        ) : null}
        {actorCan(actor, 'partnerships.stage') ? (
          <StageForm key={record.version} action={moveStageAction} slug={slug} version={record.version} stage={record.stage} hasSignedOn={record.signedOn !== null} today={todayIn('UTC')} />
        ) : null}
        <h3 className="mt-6 mb-2 text-sm font-semibold">Stage history</h3>
        <StageHistory rows={record.stageHistory} isDemoData={record.isDemoData} />
      </Section>
      <Section title="Record" id="record">
        <PartnershipForm
          mode="edit"
          action={updatePartnershipAction}
          owners={owners}
          organizations={organizations}
          initial={{
            ...record, ownerEmail: record.owner.email, hiddenFields: hidden,
            summary: shown('summary', record.summary), targetSignOn: shown('targetSignOn', record.targetSignOn), targetLaunchOn: shown('targetLaunchOn', record.targetLaunchOn),
          }}
        />
      </Section>
      {sharing ? (
        <Section title="Sharing and confidentiality" id="sharing">
          <p className="mb-3 text-sm muted">
            Partners see a metric only when it is shown to them and not confidential. Confidential figures are also hidden from the roles an
            administrator unticked under <Link href="/admin/confidential-figures" className="underline">Confidential figures</Link>, in every page, export, chart and mail.
          </p>
          <MetricPoliciesForm key={sharing.policies.map((p) => p.version).join('.')} action={updateMetricPoliciesAction} slug={slug} policies={sharing.policies} />
          {fields ? (
            <div className="mt-6 border-t border-slate-200 pt-4 dark:border-slate-800" id="confidential-fields">
              <p className="mb-3 text-sm muted">
                A confidential field of this deal is hidden from partners and from the same roles as confidential figures, wherever it would show:
                pages, the API, exports, charts, search and mail.
              </p>
              <FieldPoliciesForm key={fields.policies.map((p) => p.version).join('.')} action={updateFieldPoliciesAction} slug={slug} policies={fields.policies} />
            </div>
          ) : null}
        </Section>
      ) : null}
    </div>
  );
}
