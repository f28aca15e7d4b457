import { z } from 'zod';

export const signInSchema = z.object({
  email: z.string({ error: 'Enter your email.' }).trim().min(1, 'Enter your email.').max(254, 'Enter your email.'),
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(1024, 'That password is too long.'),
  next: z.string().max(2000).optional(),
});
