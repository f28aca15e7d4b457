import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { dateToDay, type IsoDay } from '@/lib/dates';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { reflagRollouts } from '@/server/rollouts/flags';

type Tx = Prisma.TransactionClient;

/**
 * After evidence is filed on a checkpoint: its "evidence expires" date becomes the earliest
 * `expiresOn` among its current evidence (not superseded, not deleted) that has one; left alone
 * when none has one (a date typed on the checkpoint form stays). A change bumps the checkpoint's
 * version (an edit based on the old one gets 409), is audited, and re-evaluates the launched
 * regions it gates through the same code path as a checkpoint edit (server/rollouts/flags.ts), so
 * evidence that has already lapsed flags a live region at once. The expiring/expired flags and
 * launch gating read the date as they always have (lib/rules/checkpoints.ts, lib/rules/rollouts.ts).
 */
export async function refreshEvidenceExpiry(tx: Tx, actor: Actor, checkpointId: string, today: IsoDay, cause: { file: string }) {
  const earliest = await tx.document.findFirst({
    where: { checkpointId, supersededAt: null, deletedAt: null, expiresOn: { not: null } },
    orderBy: { expiresOn: 'asc' },
    select: { expiresOn: true },
  });
  if (!earliest?.expiresOn) return;
  const checkpoint = await tx.regulatoryCheckpoint.findUniqueOrThrow({ where: { id: checkpointId }, select: { evidenceExpiresOn: true, partnershipId: true } });
  const before = checkpoint.evidenceExpiresOn ? dateToDay(checkpoint.evidenceExpiresOn) : null;
  const after = dateToDay(earliest.expiresOn);
  if (before === after) return;
  await tx.regulatoryCheckpoint.update({ where: { id: checkpointId }, data: { evidenceExpiresOn: earliest.expiresOn, version: { increment: 1 } } });
  await recordAudit(tx, actor, {
    entityType: 'RegulatoryCheckpoint', entityId: checkpointId, action: 'checkpoint.updated', partnershipId: checkpoint.partnershipId,
    before: { evidenceExpiresOn: before }, after: { evidenceExpiresOn: after }, context: { reason: 'evidence uploaded', ...cause },
  });
  await reflagRollouts(tx, actor, checkpointId, today);
}
