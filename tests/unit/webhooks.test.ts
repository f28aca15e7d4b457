import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createWebhookSchema, webhookUrlProblem } from '@/lib/schemas/webhooks';
import { webhookEventOf, WEBHOOK_ACTIONS } from '@/lib/webhook-events';
import { addressRefusal, classifyAddress } from '@/server/webhooks/address';
import { signWebhook, verifyWebhookSignature } from '@/server/webhooks/signature';

// Webhooks (issue 16, item 5; docs/decisions/016-webhooks.md): what needs no database.
describe('a receiver’s address', () => {
  it('is https, or plain http to this machine only; no credentials, fragments, other schemes or 2,000+ characters', () => {
    expect(webhookUrlProblem('https://hooks.example.com/accord?x=1')).toBeNull();
    for (const local of ['http://localhost:3000/h', 'http://127.0.0.1/h', 'http://[::1]:8080/h', 'http://127.9.9.9/h']) expect(webhookUrlProblem(local), local).toBeNull();
    expect(webhookUrlProblem('http://hooks.example.com/')).toMatch(/only to this machine/);
    expect(webhookUrlProblem('http://localhost.evil.example/')).toMatch(/only to this machine/);
    expect(webhookUrlProblem('javascript:alert(1)')).toMatch(/https:\/\//);
    expect(webhookUrlProblem('https://a:b@hooks.example.com/')).toMatch(/user name or password/);
    expect(webhookUrlProblem('https://hooks.example.com/#x')).toMatch(/fragment/);
    expect(webhookUrlProblem('https://hooks.example.com/ x')).toMatch(/spaces/);
    expect(webhookUrlProblem(`https://hooks.example.com/${'a'.repeat(2_000)}`)).toMatch(/2,000/);
    expect(webhookUrlProblem('hooks.example.com')).toMatch(/not a web address/);
  });

  it('refuses private, loopback, link-local, unique-local, shared, multicast and unspecified addresses unless allowed; never the unspecified or multicast ones', () => {
    expect(addressRefusal('hooks.example.com', '10.0.0.7', false)).toMatch(/hooks\.example\.com resolves to 10\.0\.0\.7, a private address/);
    expect(addressRefusal('hooks.example.com', '10.0.0.7', true)).toBeNull();
    expect(addressRefusal('0.0.0.0', '0.0.0.0', true)).toMatch(/no webhook receiver/);
    expect(addressRefusal('x', 'ff02::1', true)).toMatch(/multicast/);
    expect(classifyAddress('100.100.100.100')?.words).toMatch(/carrier-grade/);
    expect(classifyAddress('::ffff:169.254.169.254')?.words).toMatch(/link-local.*written as IPv6/);
    expect(classifyAddress('64:ff9b::c0a8:0101')?.words).toMatch(/private/);
    expect(classifyAddress('1.1.1.1')).toBeNull();
  });

  it('the form and the API share one schema: events listed once, in a fixed order; a checkbox says yes with "on"', () => {
    expect(createWebhookSchema.parse({ url: 'https://h.example.com/', events: ['note', 'milestone', 'note'], allowPrivate: 'on' })).toMatchObject({ events: ['milestone', 'note'], allowPrivate: true, description: '' });
    expect(createWebhookSchema.parse({ url: 'https://h.example.com/', events: 'stage,import' }).events).toEqual(['stage', 'import']);
    expect(createWebhookSchema.safeParse({ url: 'https://h.example.com/' }).error?.issues[0]?.message).toMatch(/at least one event/);
  });
});

describe('events', () => {
  it('map audit actions to the families an endpoint subscribes to', () => {
    expect(webhookEventOf('checkpoint.updated')).toBe('checkpoint');
    expect(webhookEventOf('milestone.reordered')).toBe('milestone');
    expect(webhookEventOf('rollout.flag-cleared')).toBe('rollout');
    expect(webhookEventOf('partnership.stage_moved')).toBe('stage');
    expect(webhookEventOf('note.deleted')).toBe('note');
    expect(webhookEventOf('targets.imported')).toBe('import');
    for (const other of ['partnership.updated', 'user.created', 'webhook.disabled', 'token.used', 'metrics.exported']) expect(WEBHOOK_ACTIONS.test(other), other).toBe(false);
  });
});

describe('the signature (docs/api.md)', () => {
  const secret = 'whsec_test';
  const body = '{"id":"1","event":"note.created"}';
  const at = new Date('2026-12-07T08:00:00Z');

  it('is HMAC-SHA256 over "<t>.<body>", with t in Unix seconds', () => {
    const header = signWebhook(secret, body, at);
    expect(header).toBe(`t=1796630400,v1=${createHmac('sha256', secret).update(`1796630400.${body}`).digest('hex')}`);
    expect(verifyWebhookSignature(secret, header, body, new Date(at.getTime() + 299_000))).toEqual({ ok: true, timestamp: 1796630400 });
  });

  it('is refused when stale (replay), from the future, tampered with, signed with another secret, or malformed', () => {
    const header = signWebhook(secret, body, at);
    expect(verifyWebhookSignature(secret, header, body, new Date(at.getTime() + 301_000)).ok).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, new Date(at.getTime() - 301_000)).ok).toBe(false);
    expect(verifyWebhookSignature(secret, header, `${body} `, at).ok).toBe(false);
    expect(verifyWebhookSignature('whsec_other', header, body, at).ok).toBe(false);
    for (const bad of [null, '', 't=abc,v1=00', 'v1=00', `t=1796630400`, 't=1796630400,v1=zz']) expect(verifyWebhookSignature(secret, bad, body, at).ok, String(bad)).toBe(false);
  });
});
