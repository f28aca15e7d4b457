import { z } from 'zod';
import { filterText } from './text';

/** POST /api/v1/partnerships/{slug}/metrics/import query: dry_run for the preview, an optional file name. */
export const importParamsSchema = z
  .object({
    dry_run: z.enum(['0', '1', 'true', 'false'], 'dry_run must be 1 or 0.').default('0'),
    file_name: filterText('file_name', 200).optional(),
  })
  .strict();
