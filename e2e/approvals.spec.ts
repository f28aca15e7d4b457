import { expect, test, type Browser, type Page } from '@playwright/test';
import { saveScreenshot } from './support/screenshots';
import { DEMO, signIn } from './support/auth';
import { expectNoAxeViolations } from './support/axe';
import { manageRow, openEdit, saveEdit } from './support/manage';

// Four eyes (issue 17, docs/decisions/018-four-eyes.md): business development asks for Hong Kong
// to go live; it does not, until an executive approves; then it does, in the approval's step.
// The demo's Hong Kong rollout waits on the HKMA licence (approved with conditions) and on the
// merchant pilot, which this spec completes first. Other specs read the demo deal as seeded, so
// afterAll puts Hong Kong and the pilot back (the launch and its requests stay in the audit trail).
const SLUG = 'apple-pay-alipay';
const PILOT = 'Pilot with selected merchants';
const SUBJECT = 'Hong Kong goes live';
test.describe.configure({ timeout: 180_000 });

async function newPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

test('an executive approves the Hong Kong launch that business development asked for', async ({ browser }) => {
  const bd = await newPage(browser, DEMO.BUSINESS_DEVELOPMENT);
  await bd.goto(`/partnerships/${SLUG}/manage`);
  await expect(bd.getByRole('heading', { name: /Update Apple Pay × Alipay/ })).toBeVisible();

  // The launch's last open gate: the merchant pilot is done.
  await openEdit(bd, 'milestone', PILOT);
  await bd.getByRole('form', { name: `Update ${PILOT}` }).getByLabel(`Status of ${PILOT}`).selectOption('DONE');
  await saveEdit(bd, 'milestone', PILOT);
  await expect(manageRow(bd, 'rollout', 'HK').getByTestId('launch-blockers')).toHaveCount(0);

  // Business development asks for Hong Kong to go live: sent for approval, not launched.
  await openEdit(bd, 'rollout', 'HK');
  await bd.getByRole('form', { name: 'Update Hong Kong rollout' }).getByLabel('Status of Hong Kong').selectOption('LIVE');
  await saveEdit(bd, 'rollout', 'HK');
  await expect(bd.getByRole('status').filter({ hasText: `Sent for approval: ${SUBJECT}.` })).toBeVisible();
  const hkRow = manageRow(bd, 'rollout', 'HK');
  await expect(hkRow).toContainText('Going live waits for approval (asked by Blake Dev)');
  await expect(hkRow).toContainText('Planned');

  // Their own request: listed, with Withdraw, never Approve (the server refuses it too).
  await bd.goto('/approvals');
  const own = bd.locator('li[data-approval-state="PENDING"]').filter({ hasText: SUBJECT });
  await expect(own).toHaveCount(1);
  await expect(own).toContainText('You asked for this, so someone else decides it');
  await expect(own.getByRole('button', { name: 'Withdraw request' })).toBeVisible();
  await expect(own.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  const approvalId = (await own.getAttribute('data-approval'))!;
  const refused = await bd.request.post(`/api/v1/approvals/${approvalId}/approve`, { data: {}, headers: { Origin: new URL(bd.url()).origin } });
  expect(refused.status()).toBe(403);

  // The executive sees it on the deal's dashboard and decides it on the Approvals page.
  const exec = await newPage(browser, DEMO.EXECUTIVE);
  await exec.goto(`/partnerships/${SLUG}`);
  const waiting = exec.getByRole('region', { name: 'Waiting for approval' });
  await expect(waiting).toContainText(SUBJECT);
  await expect(waiting).toContainText('Blake Dev');
  await expect(exec.locator('tr[data-region="HK"]')).not.toContainText('Launched');
  await waiting.getByRole('link', { name: 'Decide on the Approvals page' }).click();
  await expect(exec).toHaveURL(/\/approvals$/);
  await expect(exec.getByRole('heading', { level: 1, name: 'Approvals' })).toBeVisible();
  const request = exec.locator(`li[data-approval="${approvalId}"]`);
  await expect(request).toContainText('Apple Pay × Alipay');
  await expect(request).toContainText('Hong Kong');
  await expect(request).toContainText('Blake Dev');
  await expectNoAxeViolations(exec);
  await saveScreenshot(exec, { path: 'test-results/screens/approvals-pending.png', fullPage: true });

  const decide = request.getByRole('form', { name: `Decide: ${SUBJECT}` });
  await decide.getByLabel(`Comment on ${SUBJECT}`).fill('HKMA conditions are met and the pilot is done: go ahead.');
  await decide.getByRole('button', { name: 'Approve' }).click();
  await expect(exec.getByRole('status').filter({ hasText: `Approved: ${SUBJECT}. Hong Kong is now live.` })).toBeVisible();
  const decided = exec.getByRole('region', { name: 'Recent decisions' }).locator(`li[data-approval="${approvalId}"]`);
  await expect(decided).toHaveAttribute('data-approval-state', 'APPROVED');
  await expect(decided).toContainText('Erin Executive');
  await expect(decided).toContainText('HKMA conditions are met and the pilot is done: go ahead.');
  await expect(exec.locator('li[data-approval-state="PENDING"]').filter({ hasText: SUBJECT })).toHaveCount(0);

  // A second approval of the same request: 409, naming who decided.
  const again = await exec.request.post(`/api/v1/approvals/${approvalId}/approve`, { data: {}, headers: { Origin: new URL(exec.url()).origin } });
  expect(again.status()).toBe(409);
  expect((await again.json()).error).toContain('already approved by Erin Executive');

  // Hong Kong is live, and the dashboard says so.
  await exec.goto(`/partnerships/${SLUG}`);
  await expect(exec.locator('tr[data-region="HK"]')).toContainText('Launched');
  await expect(exec.getByRole('region', { name: 'Waiting for approval' })).toHaveCount(0);
  const rollouts = (await (await exec.request.get(`/api/v1/partnerships/${SLUG}/rollouts`)).json()).rollouts as { region: string; status: string }[];
  expect(rollouts.find((r) => r.region === 'HK')!.status).toBe('LIVE');

  // Business development's row: live, the request gone, the launch in its history as the approver's.
  await bd.goto(`/partnerships/${SLUG}/manage`);
  await expect(hkRow).not.toContainText('waits for approval');
  const row = await openEdit(bd, 'rollout', 'HK');
  await row.getByText(/History \(\d+\)/).click();
  await expect(row).toContainText('Erin Executive: status Planned → Live');
});

// Put the demo deal back as other specs read it: Hong Kong planned, the pilot not started.
test.afterAll(async ({ browser }) => {
  const bd = await newPage(browser, DEMO.BUSINESS_DEVELOPMENT);
  const headers = { Origin: new URL(bd.url()).origin };
  const pending = (await (await bd.request.get('/api/v1/approvals?state=pending')).json()).approvals as { id: string; subject: string }[];
  for (const a of pending.filter((x) => x.subject === SUBJECT)) await bd.request.post(`/api/v1/approvals/${a.id}/withdraw`, { data: {}, headers });
  const hk = () => bd.request.get(`/api/v1/partnerships/${SLUG}/rollouts`).then(async (r) => ((await r.json()).rollouts as { id: string; region: string; status: string; version: number }[]).find((x) => x.region === 'HK')!);
  let rollout = await hk();
  if (rollout.status === 'LIVE') {
    expect((await bd.request.patch(`/api/v1/rollouts/${rollout.id}`, { data: { version: rollout.version, status: 'WITHDRAWN' }, headers })).status()).toBe(200);
    rollout = await hk();
  }
  if (rollout.status !== 'PLANNED') {
    expect((await bd.request.patch(`/api/v1/rollouts/${rollout.id}`, { data: { version: rollout.version, status: 'PLANNED', actualLaunchOn: null }, headers })).status()).toBe(200);
  }
  const milestones = (await (await bd.request.get(`/api/v1/partnerships/${SLUG}/milestones`)).json()).milestones as { id: string; title: string; status: string; version: number }[];
  const pilot = milestones.find((m) => m.title === PILOT)!;
  if (pilot.status !== 'NOT_STARTED') {
    expect((await bd.request.patch(`/api/v1/milestones/${pilot.id}`, { data: { version: pilot.version, status: 'NOT_STARTED' }, headers })).status()).toBe(200);
  }
  await bd.context().close();
});
