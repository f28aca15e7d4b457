// `npm run accord -- <command>`: the operators' CLI. Acts as "operator (CLI)" in the audit trail.
// Secrets (a token, a generated password) go alone to stdout so scripts can capture them;
// everything else goes to stderr. With the embedded database, stop the app first (one process).
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { INTERNAL_ROLES, ROLES } from '@/lib/domain';
import { createTokenSchema } from '@/lib/schemas/tokens';
import { changeRoleSchema, createUserSchema, emailSchema, roleSchema } from '@/lib/schemas/users';
import { operatorActor } from '@/server/auth/actor';
import { createDatabase } from '@/server/db/client';
import { installDatabase } from '@/server/db/client';
import { db } from '@/server/db';
import { UserFacingError } from '@/server/errors';
import { createApiToken } from '@/server/tokens/mutations';
import { changeUserRole, createUser, deactivateUser, reactivateUser } from '@/server/users/mutations';

const USAGE = `Usage: npm run accord -- <command>

  user create --email E --role ${ROLES.join('|')} [--name N] [--password P] [--organization O]
      Creates a person. Without --password, prints a temporary one (alone on stdout).
      --role PARTNER needs --organization: the organization's exact name or short name
      (a partner user sees only the deals of their organization); other roles take none.
  user set-role --email E --role ${INTERNAL_ROLES.join('|')}
      A partner user's role cannot change, nor can anyone become one this way.
  user deactivate --email E      Ends their sessions at once; their tokens stop working.
  user reactivate --email E
  user list
  token create --email E --name N [--read-only] [--expires DAYS]
      Prints the new API token once, alone on stdout.`;

class UsageError extends Error {}

function parse<S extends z.ZodType>(schema: S, input: unknown, flag?: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new UsageError(result.error.issues.map((i) => `--${i.path.join('.') || flag}: ${i.message}`).join('\n'));
  }
  return result.data;
}

async function userByEmail(email: string) {
  const user = await db.user.findUnique({ where: { email: parse(emailSchema, email, 'email') } });
  if (!user) throw new UsageError(`No user with email ${email}.`);
  return user;
}

/** An organization by its exact name or short name (case aside), for `--organization`. */
async function organizationByName(name: string) {
  const wanted = name.trim();
  if (!wanted) throw new UsageError('--organization: give the name or short name of an organization in Accord.');
  const matches = await db.organization.findMany({
    where: { OR: [{ name: { equals: wanted, mode: 'insensitive' } }, { shortName: { equals: wanted, mode: 'insensitive' } }] },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
  });
  const exact = matches.filter((o) => o.name === wanted);
  if (exact.length === 1 || matches.length === 1) return (exact[0] ?? matches[0])!;
  if (matches.length > 1) throw new UsageError(`--organization "${wanted}" names several organizations (${matches.map((o) => o.name).join(', ')}): give the full name.`);
  const known = await db.organization.findMany({ select: { name: true }, orderBy: { name: 'asc' }, take: 30 });
  throw new UsageError(`No organization named "${wanted}".${known.length ? ` Organizations: ${known.map((o) => o.name).join(', ')}.` : ' There are no organizations yet.'}`);
}

async function main(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' }, organization: { type: 'string' },
      'read-only': { type: 'boolean', default: false }, expires: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals.join(' ');
  const actor = operatorActor();
  switch (command) {
    case 'user create': {
      // Partner users (issue 17) belong to one organization; internal people to none.
      const partner = values.role === 'PARTNER';
      if (partner && values.organization === undefined) throw new UsageError('--role PARTNER needs --organization: the name or short name of the organization the person is from.');
      if (!partner && values.organization !== undefined) throw new UsageError(`--organization is only for --role PARTNER; ${values.role ?? 'an internal role'} belongs to no organization.`);
      const schema = createUserSchema.extend({ role: z.enum(ROLES, { error: `Choose one of ${ROLES.join(', ')}.` }) });
      const input = parse(schema, { email: values.email, name: values.name ?? values.email?.split('@')[0], role: values.role });
      if (values.password !== undefined && values.password.length < 12) throw new UsageError('--password must have at least 12 characters.');
      const organization = partner ? await organizationByName(values.organization!) : null;
      const created = await createUser(actor, { ...input, organizationId: organization?.id ?? null, password: values.password });
      console.error(`Created ${created.email} (${created.role}${organization ? `, ${organization.name}` : ''}).`);
      if (created.temporaryPassword) {
        console.error('Temporary password (shown once):');
        console.log(created.temporaryPassword);
      }
      return;
    }
    case 'user set-role': {
      const user = await userByEmail(values.email ?? '');
      if (values.role === 'PARTNER') throw new UsageError('Nobody becomes a partner user by a role change: create them with --role PARTNER --organization, or invite them.');
      const input = parse(changeRoleSchema, { userId: user.id, role: parse(roleSchema, values.role, 'role'), version: user.version });
      const result = await changeUserRole(actor, input);
      console.error(result.changed ? `${result.email} is now ${result.role}.` : `${result.email} already had role ${result.role}.`);
      return;
    }
    case 'user deactivate':
    case 'user reactivate': {
      const user = await userByEmail(values.email ?? '');
      const run = command === 'user deactivate' ? deactivateUser : reactivateUser;
      const result = await run(actor, { userId: user.id, version: user.version });
      console.error(`${result.email}: ${result.changed ? `${command.split(' ')[1]}d` : 'no change needed'}.`);
      return;
    }
    case 'user list': {
      const users = await db.user.findMany({ orderBy: { email: 'asc' }, include: { organization: { select: { name: true } } } });
      for (const u of users) console.error(`${u.email}\t${u.role}${u.organization ? ` (${u.organization.name})` : ''}\t${u.deactivatedAt ? 'deactivated' : 'active'}`);
      return;
    }
    case 'token create': {
      const user = await userByEmail(values.email ?? '');
      const input = parse(createTokenSchema, { name: values.name, readOnly: values['read-only'], expiresInDays: values.expires });
      const created = await createApiToken(actor, { ownerId: user.id, ...input });
      console.error(`Created ${created.readOnly ? 'read-only ' : ''}token "${created.name}" for ${user.email}${created.expiresAt ? `, expires ${created.expiresAt}` : ''}.`);
      console.log(created.token);
      return;
    }
    default:
      if (values.help || !command) {
        console.error(USAGE);
        return;
      }
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

const handle = createDatabase();
installDatabase(handle);
main(process.argv.slice(2))
  .then(() => 0, (error: unknown) => {
    if (error instanceof UsageError || error instanceof UserFacingError) console.error(`accord: ${error.message}`);
    else console.error(`accord: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  })
  .then(async (code) => {
    await handle.close().catch(() => {});
    process.exit(code);
  });
