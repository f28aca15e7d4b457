// `npm run measure:frontend` (with the demo app running: npm run demo, or BASE_URL=...):
// first-load JavaScript per route, gzip, from the scripts each page's HTML loads before any
// interaction (lazy chunks such as the chart are reported apart), and Lighthouse performance
// (desktop and mobile presets) in Debian's chromium, signed in as the demo executive.
// Prints a table and writes bench/results/<date>-frontend.json. A measurement, not a test.
// `npm run bench` runs it against its own server: MEASURE_EMAIL / MEASURE_PASSWORD (who signs in),
// MEASURE_ROUTES (comma-separated) and MEASURE_OUT (where the JSON goes) override the defaults.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const ROUTES = process.env.MEASURE_ROUTES?.split(',') ?? ['/', '/partnerships/apple-pay-alipay'];
const EMAIL = process.env.MEASURE_EMAIL ?? 'executive@accord.local';
const PASSWORD = process.env.MEASURE_PASSWORD ?? 'accord-demo';
const BUDGET_KB = 200;

async function signIn() {
  const response = await fetch(`${BASE}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: BASE },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`Sign-in failed (${response.status}); is the demo running at ${BASE}?`);
  return response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function firstLoadJs(route, cookie) {
  const html = await (await fetch(BASE + route, { headers: { cookie } })).text();
  const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]))];
  let raw = 0;
  let gzip = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, BASE))).arrayBuffer());
    raw += body.length;
    gzip += zlib.gzipSync(body).length;
  }
  return { route, scripts: srcs.length, rawKb: +(raw / 1024).toFixed(1), gzipKb: +(gzip / 1024).toFixed(1) };
}

async function lighthouseScores(route, cookie) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const options = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'], extraHeaders: { Cookie: cookie } };
    // On a loaded machine a run can come back without a score or a metric (its trace failed):
    // run it once more, and report what is missing as null rather than crash.
    const run = async (config) => {
      const first = await lighthouse(BASE + route, options, config);
      return first.lhr.categories.performance.score === null ? lighthouse(BASE + route, options, config) : first;
    };
    const desktop = await run(desktopConfig);
    const mobile = await run(undefined);
    const metric = (r, id, digits = 0) => {
      const value = r.lhr.audits[id]?.numericValue;
      return typeof value === 'number' ? +value.toFixed(digits) : null;
    };
    const pick = (r) => ({
      score: r.lhr.categories.performance.score === null ? null : Math.round(r.lhr.categories.performance.score * 100),
      lcpMs: metric(r, 'largest-contentful-paint'),
      tbtMs: metric(r, 'total-blocking-time'),
      cls: metric(r, 'cumulative-layout-shift', 3),
      error: r.lhr.runtimeError?.message,
    });
    return { desktop: pick(desktop), mobile: pick(mobile) };
  } finally {
    await chrome.kill();
  }
}

const cookie = await signIn();
const results = [];
for (const route of ROUTES) {
  const js = await firstLoadJs(route, cookie);
  const lh = process.env.SKIP_LIGHTHOUSE ? null : await lighthouseScores(route, cookie);
  results.push({ ...js, lighthouse: lh });
}
console.log(`\nFirst-load JS (gzip; budget ${BUDGET_KB} kB) and Lighthouse performance (goal >= 90), ${BASE}\n`);
console.log('| route | scripts | JS gzip kB | within budget | Lighthouse desktop | Lighthouse mobile | LCP desktop ms | TBT desktop ms | CLS |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const lh = r.lighthouse;
  console.log(`| ${r.route} | ${r.scripts} | ${r.gzipKb} | ${r.gzipKb <= BUDGET_KB ? 'yes' : 'NO'} | ${lh?.desktop.score ?? '-'} | ${lh?.mobile.score ?? '-'} | ${lh?.desktop.lcpMs ?? '-'} | ${lh?.desktop.tbtMs ?? '-'} | ${lh?.desktop.cls ?? '-'} |`);
}
const file = process.env.MEASURE_OUT ?? `bench/results/${new Date().toISOString().slice(0, 10)}-frontend.json`;
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, JSON.stringify({ measuredAt: new Date().toISOString(), base: BASE, budgetKb: BUDGET_KB, results }, null, 2));
console.log(`\nWrote ${file}`);
