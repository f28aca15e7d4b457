import 'server-only';
import type { z } from 'zod';
import { dayToDate } from '@/lib/dates';
import type { createCheckpointSchema } from '@/lib/schemas/structure';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db';
import { NotFoundError, ValidationError } from '@/server/errors';
import { toCheckpointDto } from './queries';

export async function createCheckpoint(actor: Actor, input: z.infer<typeof createCheckpointSchema>) {
  return db.$transaction(async (tx) => {
    const p = await tx.partnership.findUnique({ where: { slug: input.partnershipSlug }, select: { id: true } });
    if (!p) throw new NotFoundError(`No partnership "${input.partnershipSlug}".`);
    // A second click on "Add checkpoint" must not make a twin (issue 13).
    const twin = await tx.regulatoryCheckpoint.findFirst({
      where: { partnershipId: p.id, jurisdiction: input.jurisdiction, regulator: { equals: input.regulator, mode: 'insensitive' }, requirement: { equals: input.requirement, mode: 'insensitive' } },
      select: { id: true },
    });
    if (twin) throw new ValidationError(`${input.regulator} (${input.jurisdiction}) already has a checkpoint for that requirement.`, { requirement: ['This checkpoint already exists.'] });
    const c = await tx.regulatoryCheckpoint.create({
      data: {
        partnershipId: p.id, regulator: input.regulator, jurisdiction: input.jurisdiction, requirement: input.requirement,
        risk: input.risk, decisionDueOn: input.decisionDueOn ? dayToDate(input.decisionDueOn) : null,
      },
    });
    await recordAudit(tx, actor, {
      entityType: 'RegulatoryCheckpoint', entityId: c.id, action: 'checkpoint.created', partnershipId: p.id,
      after: { regulator: c.regulator, jurisdiction: c.jurisdiction, requirement: c.requirement, risk: c.risk, decisionDueOn: input.decisionDueOn ?? null },
    });
    return toCheckpointDto(c);
  });
}
