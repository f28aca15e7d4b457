import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO, signIn } from './support/auth';

/**
 * The client examples of docs/examples (issue 18, item 3), each run as a child process against the
 * running app with an analyst's API token (analysts may export metrics, which the curl and Python
 * examples do), and checked against the API's own answers to the same questions. The token is made
 * on the API tokens page, as a person makes one, and revoked at the end (the suite shares one
 * server: later specs find the analyst's tokens as they were, plus one revoked row).
 */
const SLUG = 'apple-pay-alipay';
const TOKEN_NAME = 'e2e client examples';
const PYTHON_SKIPPED = 'Python example skipped: requests and pandas are not installed (pip install -r docs/examples/python/requirements.txt)';

let token = '';
let tokenId = '';
let api: APIRequestContext;
let outDir = '';

test.beforeAll(async ({ browser, playwright }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL!;
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, DEMO.ANALYST);
  await page.goto('/settings/tokens');
  await page.getByLabel('Name').fill(TOKEN_NAME);
  await page.getByRole('button', { name: 'Create token' }).click();
  token = await page.getByLabel('Your new token (shown once)').inputValue();
  expect(token).toMatch(/^acc_/);
  // Its id, to revoke it over the API at the end: the revoke form in its row carries it.
  const row = page.getByRole('row', { name: TOKEN_NAME });
  await expect(row).toBeVisible();
  tokenId = await row.locator('input[name="tokenId"]').inputValue();
  await context.close();
  api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-examples-'));
});

test.afterAll(async () => {
  fs.rmSync(outDir, { recursive: true, force: true });
  if (!api) return;
  // A script retiring its own credential (DELETE /api/v1/tokens/{id}); refused from then on.
  const revoked = await api.delete(`/api/v1/tokens/${tokenId}`);
  expect(revoked.status()).toBe(200);
  expect((await api.get('/api/v1/me')).status()).toBe(401);
  await api.dispose();
});

type Run = { code: number | null; stdout: string; stderr: string };

/** Runs an example from the repository root with the app's address and the token in its environment. */
function runExample(command: string, args: string[], withToken = token): Promise<Run> {
  const env = { ...process.env, ACCORD_URL: test.info().project.use.baseURL!, ACCORD_TOKEN: withToken, ACCORD_OUT_DIR: outDir, ACCORD_PARTNERSHIP: SLUG };
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function expectSuccess(run: Run) {
  expect(run.code, `exit code; stderr:\n${run.stderr}\nstdout:\n${run.stdout}`).toBe(0);
}

/** What the API itself answers: the partnerships, the deal's milestones, and the monthly card activations. */
async function apiAnswers() {
  const get = async <T,>(url: string) => {
    const response = await api.get(url);
    expect(response.status(), url).toBe(200);
    return (await response.json()) as T;
  };
  const list = await get<{ partnerships: { slug: string; name: string; stage: string }[] }>('/api/v1/partnerships');
  const milestones = await get<{ milestones: { title: string; status: string }[] }>(`/api/v1/partnerships/${SLUG}/milestones`);
  const cards = await get<{ rows: { region: string; value: number }[]; count: number }>(`/api/v1/partnerships/${SLUG}/metrics?metric=cards_added&granularity=month`);
  const deal = list.partnerships.find((p) => p.slug === SLUG)!;
  expect(deal).toBeTruthy();
  expect(milestones.milestones.length).toBeGreaterThan(0);
  expect(cards.count).toBeGreaterThan(0);
  return { list, milestones, cards, deal };
}

test('the curl example lists partnerships, reads milestones and downloads the CSV export', async () => {
  const expected = await apiAnswers();
  const run = await runExample('bash', ['docs/examples/curl.sh']);
  expectSuccess(run);
  // The script prints each answer as the API sent it, after a "== …" heading.
  const after = (heading: string) => {
    const lines = run.stdout.split('\n');
    return JSON.parse(lines[lines.findIndex((l) => l.startsWith(heading)) + 1]!) as unknown;
  };
  expect(after('== Partnerships')).toEqual(expected.list);
  expect(after(`== Milestones of ${SLUG}`)).toEqual(expected.milestones);

  const file = path.join(outDir, `${SLUG}_cards_added_month.csv`);
  expect(run.stdout).toContain(`Saved ${expected.cards.count} rows to ${file}`);
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  expect(lines[0]).toMatch(/^# /);
  const data = lines.filter((l) => !l.startsWith('#'));
  expect(data[0]).toBe('region,metric,period_start,value');
  expect(data.length - 1).toBe(expected.cards.count);

  // An HTTP error ends the script with a non-zero code and Accord's message.
  const refused = await runExample('bash', ['docs/examples/curl.sh'], `acc_${'z'.repeat(43)}`);
  expect(refused.code).toBe(22); // curl --fail-with-body: HTTP 4xx/5xx
  expect(refused.stdout).toContain('"error"');
  expect(refused.stdout).not.toContain('== Milestones');
});

test('the TypeScript example (openapi-fetch, typed from the OpenAPI document) lists partnerships and milestones', async () => {
  const expected = await apiAnswers();
  const run = await runExample('npx', ['tsx', 'docs/examples/typescript/example.ts']);
  expectSuccess(run);
  expect(run.stdout).toContain(`${expected.list.partnerships.length} partnerships`);
  for (const p of expected.list.partnerships) expect(run.stdout).toContain(`  ${p.slug}: ${p.name} (${p.stage})`);
  expect(run.stdout).toContain(`${expected.milestones.milestones.length} milestones of ${SLUG}`);
  for (const m of expected.milestones.milestones) expect(run.stdout).toContain(`[${m.status}] ${m.title}`);
});

test('the Python example (requests + pandas) reads the CSV export and sums cards added per region', async () => {
  // scripts/ensure-prereqs.sh makes .venv-examples where it can; else the machine's python3.
  const python = fs.existsSync('.venv-examples/bin/python') ? '.venv-examples/bin/python' : 'python3';
  const ready = spawnSync(python, ['-c', 'import requests, pandas'], { stdio: 'ignore' }).status === 0;
  test.skip(!ready, PYTHON_SKIPPED);
  const expected = await apiAnswers();
  const run = await runExample(python, ['docs/examples/python/accord_example.py']);
  expectSuccess(run);
  expect(run.stdout).toContain(`${expected.deal.slug}: ${expected.deal.name} (${expected.deal.stage})`);
  expect(run.stdout).toContain(`Rows: ${expected.cards.count}`);
  const totals = new Map<string, number>();
  for (const row of expected.cards.rows) totals.set(row.region, (totals.get(row.region) ?? 0) + row.value);
  for (const [region, total] of totals) expect(run.stdout).toContain(`  ${region}: ${Math.round(total).toLocaleString('en-US')}`);
});
