import { z } from 'zod';

/**
 * How people sign in (issue 18, docs/decisions/021-single-sign-on.md): the role given to someone
 * signing in with single sign-on for the first time ("refuse" creates no account), and the email
 * domains whose people may not use a password. The administrators' "Single sign-on" page and the
 * server share this schema.
 *
 * Administrators are made by hand, and partners come by invitation with their organization: neither
 * is a role single sign-on may hand out.
 */
export const SSO_NEW_USER_ROLES = ['EXECUTIVE', 'BUSINESS_DEVELOPMENT', 'ANALYST'] as const;
export const SSO_REFUSE = 'REFUSE';

const version = z.coerce.number({ error: 'Missing version: reload the page.' }).int('Missing version: reload the page.').min(0).max(2_147_483_647);

// A host name as in an email address: labels of letters, digits and hyphens, at least one dot.
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** One domain a line (or separated by commas or spaces); "@example.com" is taken as example.com. */
const domainList = z
  .string({ error: 'List the domains as text, one a line.' })
  .max(5_000, 'List at most 5,000 characters of domains.')
  .transform((text, ctx) => {
    const words = text.split(/[\s,;]+/).map((w) => w.trim().toLowerCase().replace(/^@/, '')).filter(Boolean);
    const bad = words.find((w) => !DOMAIN.test(w));
    if (bad !== undefined) {
      ctx.addIssue({ code: 'custom', message: `“${bad.slice(0, 80)}” is not an email domain, like example.com.` });
      return z.NEVER;
    }
    const unique = [...new Set(words)].sort();
    if (unique.length > 100) {
      ctx.addIssue({ code: 'custom', message: 'List at most 100 domains.' });
      return z.NEVER;
    }
    return unique;
  });

export const signInPolicySchema = z.object({
  newUserRole: z.enum([SSO_REFUSE, ...SSO_NEW_USER_ROLES], { error: 'Choose a role for new people, or to refuse them.' }),
  passwordOffDomains: domainList,
  version,
});
export type SignInPolicyInput = z.infer<typeof signInPolicySchema>;

/** The domain of an email address, lower case ('' when there is none). */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).trim().toLowerCase();
}
