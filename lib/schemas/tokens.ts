import { z } from 'zod';

const checkbox = z.preprocess((v) => v === true || v === 'on' || v === 'true' || v === '1', z.boolean());

export const createTokenSchema = z.object({
  name: z.string({ error: 'Name the token.' }).trim().min(1, 'Name the token, e.g. "Quarterly export script".').max(80, 'A token name has at most 80 characters.'),
  readOnly: checkbox.default(false),
  expiresInDays: z.preprocess(
    (v) => (v === '' || v === undefined || v === null || v === 'never' ? undefined : v),
    z.coerce.number({ error: 'Choose when the token expires.' }).int('Whole days only.').min(1, 'At least 1 day.').max(730, 'At most 730 days.').optional(),
  ),
});

export const revokeTokenSchema = z.object({ tokenId: z.string().trim().min(1, 'Missing token.').max(64) });
