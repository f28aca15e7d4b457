import 'server-only';
import { z } from 'zod';
import { gridFormToInput, saveTargetsSchema } from '@/lib/schemas/targets';
import { defineCommand } from '@/server/actions/define';
import { saveTargets } from './mutations';

/** The targets page's grid form: only edited cells, each checked against the figure the editor saw. */
export const saveTargetsCommand = defineCommand({
  permission: 'targets.update',
  schema: z.preprocess((raw) => gridFormToInput((raw ?? {}) as Record<string, unknown>), saveTargetsSchema),
  run: (actor, input) => saveTargets(actor, input),
  success: (r) => (r.changed ? `Saved ${r.changed} month${r.changed === 1 ? '' : 's'} of targets.` : 'Nothing changed.'),
});
