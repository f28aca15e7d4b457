import { z } from 'zod';
import { hasControlCharacter } from './text';

const clean = (v: string) => !hasControlCharacter(v);

export const signInSchema = z.object({
  email: z.string({ error: 'Enter your email.' }).trim().min(1, 'Enter your email.').max(254, 'Enter your email.').refine(clean, 'An email address cannot contain control characters.'),
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(1024, 'That password is too long.').refine(clean, 'A password cannot contain control characters.'),
  next: z.string().max(2000, 'That return address is too long.').refine(clean, 'That return address is not valid.').optional(),
});
