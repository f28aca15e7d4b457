import 'server-only';
import { z } from 'zod';
import { updateRolloutSchema } from '@/lib/schemas/rollouts';
import { rolloutGatesSchema } from '@/lib/schemas/structure';
import { defineCommand } from '@/server/actions/define';
import { isApprovalRequested, sentForApproval } from '@/server/approvals/queries';
import { list, withId } from '@/server/actions/form-input';
import { setRolloutGates } from './gates';
import { updateRollout } from './mutations';

// The rollout forms on /partnerships/<slug>/manage. Same schema as PATCH /api/v1/rollouts/<id>.

/** Status, planned dates and the actual launch date of a region. */
export const updateRolloutCommand = defineCommand({
  permission: 'rollouts.update',
  schema: withId(updateRolloutSchema, { dates: ['plannedPilotOn', 'plannedLaunchOn', 'actualLaunchOn'] }),
  run: (actor, { id, patch }) => updateRollout(actor, id, patch),
  // Going live waits for an executive (issue 17): the form says so instead of "now live".
  success: (r) => (isApprovalRequested(r) ? sentForApproval(r) : `${r.regionName} is now ${r.status.toLowerCase()}.`),
});

export const rolloutGatesCommand = defineCommand({
  permission: 'rollouts.update',
  schema: z.preprocess((raw) => {
    const r = (raw ?? {}) as Record<string, unknown>;
    return { ...r, checkpointIds: list(r.checkpointIds), milestoneIds: list(r.milestoneIds) };
  }, rolloutGatesSchema),
  run: (actor, input) => setRolloutGates(actor, input),
  success: (r) => `Saved what gates ${r.regionName}.`,
});
