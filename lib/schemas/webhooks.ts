import { z } from 'zod';
import { hasControlCharacter } from '@/lib/control-characters';
import { WEBHOOK_DESCRIPTION_MAX, WEBHOOK_URL_MAX } from '@/lib/limits';
import { WEBHOOK_EVENTS, type WebhookEvent } from '@/lib/webhook-events';
import { reference } from './text';

/**
 * Webhooks (issue 16, item 5): one schema per input, shared by the administrators' forms
 * (components/webhooks) and the API (/api/v1/webhooks). What needs the network (the addresses a
 * host name resolves to) is checked on the server: server/webhooks/address.ts.
 */
// The limits live apart from zod, for the client forms that show them (lib/limits.ts).
export { WEBHOOK_DESCRIPTION_MAX, WEBHOOK_URL_MAX };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Plain http:// is allowed only to this machine: localhost, 127.0.0.0/8 or [::1]. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return LOOPBACK_HOSTS.has(host) || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** What is wrong with a receiver's address before any name is resolved, in words; or null. */
export function webhookUrlProblem(raw: string): string | null {
  if (!raw) return 'Enter the address of the receiver, like https://hooks.example.com/accord.';
  if (raw.length > WEBHOOK_URL_MAX) return `The address has at most ${WEBHOOK_URL_MAX.toLocaleString('en-US')} characters.`;
  if (hasControlCharacter(raw) || /\s/.test(raw)) return 'The address cannot contain spaces, line breaks or control characters.';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'That is not a web address: enter one like https://hooks.example.com/accord.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Webhooks are sent over HTTPS: the address must start with https://.';
  if (url.username || url.password) return 'The address cannot carry a user name or password: the receiver checks the signature instead.';
  if (!url.hostname) return 'The address names no host.';
  if (url.hash || raw.includes('#')) return 'Leave out the #fragment: it is never sent to the receiver.';
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return 'Plain http:// is allowed only to this machine (localhost, 127.0.0.1 or [::1]); use https:// for any other receiver.';
  }
  return null;
}

export const webhookUrl = z
  .string({ error: 'The address must be text, like https://hooks.example.com/accord.' })
  .trim()
  .superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const webhookDescription = z
  .string({ error: 'The description must be text.' })
  .trim()
  .max(WEBHOOK_DESCRIPTION_MAX, `The description has at most ${WEBHOOK_DESCRIPTION_MAX} characters.`)
  .refine((v) => !hasControlCharacter(v) && !/[\r\n\u2028\u2029]/.test(v), 'The description is one line, without control characters.');

const EVENT_CHOICES = `Choose among ${WEBHOOK_EVENTS.join(', ')}.`;
/** The families an endpoint receives: a list (the form's checkboxes, or JSON), at least one, each once. */
export const webhookEvents = z.preprocess(
  (v) => (v === undefined ? [] : typeof v === 'string' ? (v.trim() === '' ? [] : v.split(',').map((s) => s.trim())) : v),
  z
    .array(z.string({ error: `events is a list of event names. ${EVENT_CHOICES}` }), { error: `events is a list of event names. ${EVENT_CHOICES}` })
    .max(WEBHOOK_EVENTS.length * 2, `List each event once. ${EVENT_CHOICES}`)
    .min(1, `Choose at least one event. ${EVENT_CHOICES}`)
    // One message on the field (the form shows it under the checkboxes), naming what is unknown.
    .superRefine((chosen, ctx) => {
      const unknown = chosen.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
      if (unknown.length) ctx.addIssue({ code: 'custom', message: `Unknown event ${JSON.stringify(unknown[0]!.slice(0, 40))}. ${EVENT_CHOICES}` });
    })
    .transform((chosen): WebhookEvent[] => WEBHOOK_EVENTS.filter((e) => chosen.includes(e))),
);

const BOOLEAN_WORDS = new Map<string, boolean>([['on', true], ['true', true], ['1', true], ['yes', true], ['off', false], ['false', false], ['0', false], ['no', false], ['', false]]);
/** true or false; a form's checkbox sends "on" or nothing. */
const flag = (what: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (BOOLEAN_WORDS.get(v.trim().toLowerCase()) ?? v) : v),
    z.boolean({ error: `${what} is true or false.` }),
  );

export const webhookVersion = z.coerce
  .number({ error: 'Send the version you edited (an integer).' })
  .int('Send the version you edited (an integer).')
  .min(1, 'Send the version you edited (an integer).')
  .max(2_147_483_647, 'Send the version you edited (an integer).');

/** POST /api/v1/webhooks and the registration form: `{ url, description?, events, allowPrivate? }`. */
export const createWebhookSchema = z.object({
  url: webhookUrl,
  description: webhookDescription.default(''),
  events: webhookEvents,
  allowPrivate: flag('allowPrivate').default(false),
});

/** PATCH /api/v1/webhooks/<id>: any of the fields, `active` to disable or enable, `version` against lost updates (409). */
export const updateWebhookSchema = z.object({
  url: webhookUrl.optional(),
  description: webhookDescription.optional(),
  events: webhookEvents.optional(),
  allowPrivate: flag('allowPrivate').optional(),
  active: flag('active').optional(),
  version: webhookVersion.optional(),
});

export const webhookIdSchema = z.object({ id: reference('webhook') });
export const redeliverSchema = z.object({ id: reference('webhook'), deliveryId: reference('delivery') });

export const DELIVERY_STATES = ['PENDING', 'SUCCEEDED', 'FAILED'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** GET /api/v1/webhooks/<id>/deliveries: `?state=pending|succeeded|failed`, `?limit=` (1–100, 50), `?before=<delivery id>`. */
export const deliveryListSchema = z.object({
  state: z
    .string()
    .transform((v) => v.toUpperCase())
    .pipe(z.enum(DELIVERY_STATES, { error: 'state is pending, succeeded or failed.' }))
    .optional(),
  limit: z.coerce.number({ error: 'limit is a whole number from 1 to 100.' }).int('limit is a whole number from 1 to 100.').min(1, 'limit is a whole number from 1 to 100.').max(100, 'limit is a whole number from 1 to 100.').default(50),
  before: reference('cursor').optional(),
});

export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;
export type UpdateWebhookInput = z.infer<typeof updateWebhookSchema>;
export type DeliveryListInput = z.infer<typeof deliveryListSchema>;
