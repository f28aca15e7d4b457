import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { authSecret } from '@/server/auth/secret';
import { esc } from '@/server/subscriptions/mail-layout';

// Parts of a mail that are sent but never kept (issue 17: an invitation's one-time link). The
// outbox is read by administrators (/outbox) and by each person (/settings/mail), and it is in
// every backup, so a credential must not sit there in clear. The mail's text and HTML are stored
// with a marker in the secret's place; the secret itself is sealed (AES-256-GCM, key derived from
// the app's secret) in `outbox_mails.secrets` while the mail may still be sent, revealed only in
// memory by the mail job, and erased when the mail is sent or kept (docs/decisions/017-mail.md).

/** One secret part: the stored text and HTML show `marker` where the mail carries `value`. */
export type MailSecret = { marker: string; value: string };

const VERSION = 'v1';

function key(): Buffer {
  return Buffer.from(hkdfSync('sha256', authSecret(), 'accord.outbox', 'accord.outbox-secrets.v1', 32));
}

/** Refuses a mail whose secret would be kept in clear, or whose marker is missing (a mail without its link). */
export function checkSecrets(mail: { subject: string; text: string; html: string; headers?: Record<string, string> }, secrets: MailSecret[]): void {
  const kept = [mail.subject, mail.text, mail.html, JSON.stringify(mail.headers ?? {})];
  for (const s of secrets) {
    if (!s.marker || !s.value || s.value.includes(s.marker)) throw new Error('A mail secret needs a marker and a value that does not contain it.');
    if (!mail.text.includes(s.marker)) throw new Error(`The mail's text has no place for its secret (marker "${s.marker}").`);
    if (kept.some((part) => part.includes(s.value) || part.includes(esc(s.value)))) throw new Error('A mail secret is also written in clear in the mail: it would be kept in the outbox.');
  }
}

/** The secrets as one sealed word: version, IV, tag and ciphertext, base64url. */
export function sealSecrets(secrets: MailSecret[]): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** The secrets back, or null when they cannot be opened (the app's secret changed since the mail was written). */
export function unsealSecrets(sealed: string): MailSecret[] | null {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const json = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? (parsed as MailSecret[]) : null;
  } catch {
    return null;
  }
}

/** The mail as it is sent: every marker replaced by its value (HTML-escaped in the HTML part). */
export function revealSecrets(mail: { text: string; html: string }, secrets: MailSecret[]): { text: string; html: string } {
  let { text, html } = mail;
  for (const s of secrets) {
    // A function, so that "$&" in a value is not read as a replacement pattern.
    text = text.replaceAll(s.marker, () => s.value);
    html = html.replaceAll(esc(s.marker), () => esc(s.value));
  }
  return { text, html };
}
