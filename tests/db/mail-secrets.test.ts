import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '@/lib/domain';
import type { Actor } from '@/server/auth/actor';
import { acceptInvitation, INVITATION_LINK_MARKER, invitePartner } from '@/server/invitations/mutations';
import { retryJob } from '@/server/jobs/admin';
import { JOBS } from '@/server/jobs/registry';
import { createJobRunner } from '@/server/jobs/runner';
import { queueMail } from '@/server/mail/outbox';
import { revealSecrets, sealSecrets, unsealSecrets } from '@/server/mail/secrets';
import { findOutbox, findOutboxMail } from '@/server/subscriptions/queries';
import { createOrganization } from '@/tests/factories/builders';
import { actorsByRole } from '@/tests/support/actors';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// An invitation's one-time link is sent but never kept (issue 17, docs/decisions/017-mail.md,
// "Secrets in mail"): the outbox that administrators read holds a marker in its place, and the
// link only sealed while the mail may still be sent. Over a REAL SMTP server (smtp-server), on
// PGlite and PostgreSQL.

let t: TestDatabase;
let actors: Record<Role, Actor>;
let org: { id: string };
let smtp: SMTPServer;
let smtpUrl: string;
/** While > 0, the server refuses that many more recipients (a mail server having a bad hour). */
let refuseNext = 0;
const inbox: ParsedMail[] = [];
let n = 0;

beforeAll(async () => {
  t = await openTestDatabase();
  actors = await actorsByRole(t.db);
  org = await createOrganization(t.db, { name: 'Alibaba Group (mail test)', shortName: 'Alibaba' });
  smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onRcptTo(_address, _session, callback) {
      if (refuseNext > 0) {
        refuseNext -= 1;
        return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => { inbox.push(mail); callback(); }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}?ignoreTLS=true`;
});
afterAll(async () => {
  delete process.env.ACCORD_SMTP_URL;
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  await t?.close();
});
beforeEach(async () => {
  process.env.ACCORD_SMTP_URL = smtpUrl;
  inbox.length = 0;
  refuseNext = 0;
  await t.db.job.deleteMany({});
});

async function runJobs(at = new Date()) {
  const runner = createJobRunner({ db: t.db, registry: JOBS, log: () => undefined, now: () => new Date(Math.max(at.getTime(), Date.now())), concurrency: 2 });
  while ((await runner.tick()) > 0);
}

async function invite() {
  const address = `mail-invitee-${++n}@partner.example`;
  const invited = await invitePartner(actors.BUSINESS_DEVELOPMENT, { email: address, name: 'Lin Partner', organizationId: org.id });
  const row = await t.db.outboxMail.findFirstOrThrow({ where: { toAddress: address } });
  return { ...invited, mailId: row.id };
}

/** The outbox row as the database holds it, every column as text: what a backup or an administrator could read. */
async function rowText(mailId: string): Promise<string> {
  const [row] = await t.db.$queryRaw<{ text: string }[]>`SELECT m::text AS text FROM outbox_mails m WHERE id = ${mailId}`;
  return row!.text;
}

const delivered = (address: string) => inbox.filter((m) => JSON.stringify(m.to).includes(address));

describe('an invitation link is sent, never kept', () => {
  it('the delivered mail carries the link (text and HTML); the outbox row, as stored and as the outbox pages show it, does not', async () => {
    const invited = await invite();
    // Queued: the text holds the marker, the link is sealed (not in clear anywhere in the row).
    expect(await rowText(invited.mailId)).not.toContain(invited.token);
    const queued = await t.db.outboxMail.findUniqueOrThrow({ where: { id: invited.mailId } });
    expect(queued.text).toContain(INVITATION_LINK_MARKER);
    expect(unsealSecrets(queued.secrets!)).toEqual([{ marker: INVITATION_LINK_MARKER, value: invited.link }]);

    await runJobs();
    const [mail] = delivered(invited.email);
    expect(mail, 'the invitation reached the SMTP server').toBeDefined();
    expect(mail!.text).toContain(invited.link);
    expect(mail!.text).not.toContain(INVITATION_LINK_MARKER);
    expect(mail!.html).toContain(`href="${invited.link}"`);
    expect(mail!.html).not.toContain('invitation link: sent in the mail only');

    const sent = await t.db.outboxMail.findUniqueOrThrow({ where: { id: invited.mailId } });
    expect(sent).toMatchObject({ state: 'SENT', secrets: null });
    expect(await rowText(invited.mailId)).not.toContain(invited.token);
    expect(sent.text).toContain(INVITATION_LINK_MARKER);
    expect(sent.html).toContain(INVITATION_LINK_MARKER);
    // What /outbox and /outbox/[id] read (the administrator's view) shows no link either.
    const page = await findOutboxMail(invited.mailId, { userId: actors.ADMIN.userId, all: true });
    expect(JSON.stringify(page)).not.toContain(invited.token);
    expect(JSON.stringify(await findOutbox({}))).not.toContain(invited.token);

    // And the link that arrived is the one that works.
    const token = /\/invitation\/([A-Za-z0-9_-]{43})/.exec(mail!.text!)![1]!;
    expect(token).toBe(invited.token);
    await expect(acceptInvitation(token, { newPassword: 'a long enough partner password', confirmPassword: 'a long enough partner password' })).resolves.toMatchObject({ email: invited.email });
  });

  it('a refused attempt keeps the link sealed; the retry delivers it, then it is erased', async () => {
    refuseNext = 1;
    const invited = await invite();
    await runJobs();
    expect(delivered(invited.email)).toHaveLength(0);
    const waiting = await t.db.outboxMail.findUniqueOrThrow({ where: { id: invited.mailId } });
    expect(waiting).toMatchObject({ state: 'QUEUED', attempts: 1 });
    expect(waiting.error).toContain('Try again later');
    expect(waiting.secrets).toMatch(/^v1\./);
    expect(await rowText(invited.mailId)).not.toContain(invited.token);

    await runJobs(new Date(Date.now() + 3_600_000)); // the backoff's wait has passed
    expect(delivered(invited.email)[0]!.text).toContain(invited.link);
    expect(await t.db.outboxMail.findUniqueOrThrow({ where: { id: invited.mailId } })).toMatchObject({ state: 'SENT', attempts: 2, secrets: null });
  });

  it('a mail FAILED after every attempt keeps its link sealed: an administrator retrying its job sends it whole', async () => {
    refuseNext = 6;
    const invited = await invite();
    for (let hour = 0; hour <= 12; hour += 1) await runJobs(new Date(Date.now() + hour * 3_600_000));
    const failed = await t.db.outboxMail.findUniqueOrThrow({ where: { id: invited.mailId } });
    expect(failed).toMatchObject({ state: 'FAILED', attempts: 6 });
    expect(failed.secrets).toMatch(/^v1\./);
    expect(await rowText(invited.mailId)).not.toContain(invited.token);
    const job = await t.db.job.findFirstOrThrow({ where: { kind: 'mail.send', state: 'DEAD' } });

    await retryJob(actors.ADMIN, { jobId: job.id });
    await runJobs();
    const [mail] = delivered(invited.email);
    expect(mail!.text).toContain(invited.link);
    expect(await t.db.outboxMail.findUniqueOrThrow({ where: { id: invited.mailId } })).toMatchObject({ state: 'SENT', secrets: null });
  });

  it('without an SMTP server the mail is kept without its link; the inviter had it once, on screen', async () => {
    delete process.env.ACCORD_SMTP_URL;
    const invited = await invite();
    expect(invited.link).toContain(`/invitation/${invited.token}`); // what the partners page shows once, to copy
    await runJobs();
    const kept = await t.db.outboxMail.findUniqueOrThrow({ where: { id: invited.mailId } });
    expect(kept).toMatchObject({ state: 'KEPT', secrets: null });
    expect(kept.text).toContain(INVITATION_LINK_MARKER);
    expect(await rowText(invited.mailId)).not.toContain(invited.token);
  });

  it('a secret that cannot be unsealed (the app secret changed) is never sent without it: the mail is FAILED, saying why', async () => {
    const invited = await invite();
    const sealed = (await t.db.outboxMail.findUniqueOrThrow({ where: { id: invited.mailId } })).secrets!;
    const [v, iv, tag, body] = sealed.split('.');
    const tampered = [v, iv, tag, `${body!.slice(0, -2)}${body!.endsWith('AA') ? 'BB' : 'AA'}`].join('.');
    expect(unsealSecrets(tampered)).toBeNull();
    await t.db.outboxMail.update({ where: { id: invited.mailId }, data: { secrets: tampered } });
    await runJobs();
    expect(delivered(invited.email)).toHaveLength(0);
    const failed = await t.db.outboxMail.findUniqueOrThrow({ where: { id: invited.mailId } });
    expect(failed.state).toBe('FAILED');
    expect(failed.error).toMatch(/sealed under an earlier app secret/);
  });

  it('a mail that would keep its secret in clear, or has no place for it, is refused when written', async () => {
    const mail = { to: 'x@example.test', subject: 'S', html: '<p>[here]</p>' };
    await expect(t.db.$transaction((tx) => queueMail(tx, { ...mail, text: 'Open https://x/secret-1 or [here]', secrets: [{ marker: '[here]', value: 'https://x/secret-1' }] }))).rejects.toThrow(/in clear/);
    await expect(t.db.$transaction((tx) => queueMail(tx, { ...mail, text: 'No place', secrets: [{ marker: '[here]', value: 'https://x/secret-2' }] }))).rejects.toThrow(/no place/);
    // A value with "$&" is put in as it is (not read as a replacement pattern).
    const secrets = unsealSecrets(sealSecrets([{ marker: '[m]', value: 'https://x/?a=1&b=$&' }]))!;
    expect(revealSecrets({ text: 'Open [m] now', html: '<a href="[m]">[m]</a>' }, secrets)).toEqual({
      text: 'Open https://x/?a=1&b=$& now', html: '<a href="https://x/?a=1&amp;b=$&amp;">https://x/?a=1&amp;b=$&amp;</a>',
    });
  });
});
