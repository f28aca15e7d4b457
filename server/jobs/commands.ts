import 'server-only';
import { retryJobSchema } from '@/lib/schemas/jobs';
import { defineCommand } from '@/server/actions/define';
import { retryJob } from './admin';

export const retryJobCommand = defineCommand({
  permission: 'jobs.manage',
  schema: retryJobSchema,
  run: (actor, input) => retryJob(actor, input),
  success: (r) => `"${r.label}" is queued again and runs within a few seconds.`,
});
