import { z } from 'zod';
import { reference, singleLine } from './text';

const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean());

export const createTokenSchema = z.object({
  name: singleLine('The token name', 80),
  readOnly: checkbox.default(false),
  expiresInDays: z.preprocess(
    (v) => (v === '' || v === undefined || v === null || v === 'never' ? undefined : v),
    z.coerce.number({ error: 'Choose when the token expires.' }).int('Whole days only.').min(1, 'At least 1 day.').max(730, 'At most 730 days.').optional(),
  ),
});

export const revokeTokenSchema = z.object({ tokenId: reference('token') });
