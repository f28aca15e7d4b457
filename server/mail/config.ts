import 'server-only';

/**
 * Where mail goes (issue 16). ACCORD_SMTP_URL (smtp://user:pass@host:587, smtps://… for TLS) sends
 * through that server; without it (the embedded default) every mail is kept in the outbox, where
 * administrators read it in the app. ACCORD_MAIL_FROM names the sender; links in mails start with
 * ACCORD_BASE_URL (the address people reach Accord at).
 */
export function mailConfig() {
  const smtpUrl = process.env.ACCORD_SMTP_URL?.trim() || null;
  return {
    smtpUrl,
    from: process.env.ACCORD_MAIL_FROM?.trim() || 'Accord <accord@localhost>',
    baseUrl: (process.env.ACCORD_BASE_URL?.trim() || 'http://localhost:3000').replace(/\/+$/, ''),
  };
}

/** An address in the app as a link a mail can carry: absolute, from ACCORD_BASE_URL. */
export function absoluteUrl(path: string): string {
  return `${mailConfig().baseUrl}${path.startsWith('/') ? path : `/${path}`}`;
}

/** The SMTP URL without its password, for messages and the outbox page. */
export function describeSmtp(url: string | null): string {
  if (!url) return 'no SMTP server (ACCORD_SMTP_URL is not set): mail is kept in the outbox';
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}`;
  } catch {
    return 'an SMTP address that cannot be read';
  }
}
