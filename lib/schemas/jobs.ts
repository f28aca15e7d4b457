import { z } from 'zod';
import { reference } from './text';

// Shared by the jobs page's retry button and the server (conventions, habit 4).
export const retryJobSchema = z.object({ jobId: reference('job') });
export type RetryJobInput = z.infer<typeof retryJobSchema>;
