// Dashboard load benchmark (not a test): `npm run bench:web [-- --dir DIR --runs 7]`.
// Times the first page in Chromium on the national-sized snapshot that `npm run bench:api` builds: with the data
// of `npm run bench:api -- --build-only --dir DIR` (built here first when DIR holds none), the real app over an
// embedded PostgreSQL with an administrator and a commissioner (one ICB), Debian's Chromium through
// playwright-core. Each run is a new browser context (nothing cached in the browser), signed in, then the
// overview is opened and timed from navigation start until the headline tiles and the trend chart are drawn.
import 'reflect-metadata';
import { DuckDBInstance } from '@duckdb/node-api';
import { execFileSync, fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { readSnapshotPointer, snapshotStanding, type SnapshotPointer } from '../../analytics/src/engine/snapshot-store';
import { loadConfig } from '../../api/src/config/app-config';
import { dashboardDir } from '../../api/src/main';
import { BENCH_PASSWORD, startBenchDatabase } from './bench-database';
import { writeBenchmarkSection } from '../support/benchmark-docs';

const argument = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : process.argv[at + 1];
};
const root = resolve(argument('dir', join(tmpdir(), 'pcsp-api-bench-national')));
const runs = Number(argument('runs', '7'));
const docs = resolve(__dirname, '../../docs/benchmarks.md');
const apiBench = join(__dirname, 'api.bench.ts');
const GOAL_MS = 2000;
const log = (message: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const fmt = (n: number): string => Math.round(n).toLocaleString('en-GB');

/** The browser-side test of "drawn": the care plan coverage tile has its value and the trend chart under its heading has its SVG. */
interface Element {
  textContent: string | null;
  nextElementSibling: Element | null;
  querySelector(selector: string): Element | null;
}
function drawn(): number | false {
  // A function, not a string: the app's CSP forbids eval, which a string predicate needs.
  const doc = (globalThis as unknown as { document: { querySelector(s: string): Element | null; querySelectorAll(s: string): Iterable<Element> } }).document;
  const tile = doc.querySelector('[data-testid="tile-plan_coverage"]');
  const heading = [...doc.querySelectorAll('h2')].find((h) => h.textContent === 'Care plan coverage over time');
  const chart = heading?.nextElementSibling?.querySelector('figure.app-chart svg');
  // performance.now() counts from the navigation's start.
  return tile !== null && (tile.textContent ?? '') !== '' && chart !== null && chart !== undefined ? performance.now() : false;
}

/** When the overview's alerts are listed: their table, or the sentence saying there are none (after the page is ready, so not in its time). */
function alertsListed(): number | false {
  const doc = (globalThis as unknown as { document: { querySelector(s: string): Element | null; querySelectorAll(s: string): Iterable<Element> } }).document;
  const none = [...doc.querySelectorAll('p')].some((p) => (p.textContent ?? '').startsWith('No practice in this area has an alert'));
  return doc.querySelector('[data-testid="alerts-table"]') !== null || none ? performance.now() : false;
}

async function main(): Promise<void> {
  if (!dashboardDir()) throw new Error('web/dist is missing: run `npm run build` first');
  if (!existsSync('/usr/bin/chromium')) throw new Error('/usr/bin/chromium is missing (apt-get install -y chromium)');
  const config = loadConfig({ DATA_DIR: 'data', LOG_LEVEL: 'silent', NODE_ENV: 'production' }, root);
  const snapshotDir = join(config.dataDir, 'snapshots');
  const kept = readSnapshotPointer(snapshotDir);
  // A snapshot of an earlier engine would be rebuilt by the server as it starts (an engine upgrade), in the timed runs.
  if (kept === undefined || snapshotStanding(kept) !== 'current' || !existsSync(join(root, 'records.duckdb'))) {
    log(`No national-sized data of this engine version in ${root}: building it with bench:api --build-only`);
    execFileSync(process.execPath, [...process.execArgv, apiBench, '--build-only', '--keep', '--dir', root], { stdio: 'inherit' });
  }
  const pointer = readSnapshotPointer(snapshotDir) as SnapshotPointer;
  const instance = await DuckDBInstance.create(join(root, 'records.duckdb'), { access_mode: 'READ_ONLY' });
  const duck = await instance.connect();
  const organisations = (await duck.runAndReadAll(`SELECT code, name, level, coalesce(parent_code, '') FROM organisations ORDER BY code`)).getRows().map((r) => r.map(String));
  duck.closeSync();
  instance.closeSync();
  const practices = organisations.filter((o) => o[2] === 'practice').length;
  const icb = organisations.find((o) => o[2] === 'icb')?.[0] as string;
  const parentOf = new Map(organisations.map((o) => [o[0], o[3]]));
  const inIcb = (code: string): boolean => {
    for (let at: string | undefined = code; at; at = parentOf.get(at)) if (at === icb) return true;
    return false;
  };
  const icbPractices = organisations.filter((o) => o[2] === 'practice' && inIcb(o[0])).length;

  const people = [
    { role: 'commissioner' as const, email: 'commissioner@bench.nhs.uk', areas: [icb], who: `a commissioner (ICB ${icb}, ${fmt(icbPractices)} practices)` },
    { role: 'admin' as const, email: 'admin@bench.nhs.uk', areas: [], who: `an administrator (England, ${fmt(practices)} practices)` },
  ];
  const pg = await startBenchDatabase(join(root, 'postgres'), organisations, people.map((person) => ({ email: person.email, name: person.role, role: person.role, areas: person.areas })));

  // The app in a process of its own (api.bench.ts --serve: production settings, logging off), as bench:api runs it.
  const server = fork(apiBench, ['--serve', root, pg.url], { execArgv: process.execArgv, stdio: 'inherit' });
  const base = await new Promise<string>((done, fail) => {
    server.once('message', (message) => done(String(message)));
    server.once('exit', (code) => fail(new Error(`the app stopped (${code})`)));
  });
  const browser: Browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const loadBefore = loadavg()[0];
  const rows: string[] = [];
  let missed = 0;
  try {
    for (const person of people) {
      const times: number[] = [];
      const alertTimes: number[] = [];
      for (let run = 0; run < runs; run++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        // Signed in through the sign-in page, as a user is; then the first page is opened afresh and timed.
        await page.goto(`${base}/sign-in`);
        await page.getByLabel('Email address').fill(person.email);
        await page.getByLabel('Password').fill(BENCH_PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
        await page.goto(`${base}/`);
        const ready = await page.waitForFunction(drawn, undefined, { polling: 'raf', timeout: 60_000 });
        times.push(Number(await ready.jsonValue()));
        const listed = await page.waitForFunction(alertsListed, undefined, { polling: 'raf', timeout: 120_000 });
        alertTimes.push(Number(await listed.jsonValue()));
        await context.close();
        log(`${person.role} run ${run + 1}: ${times[times.length - 1].toFixed(0)} ms (alerts listed at ${alertTimes[alertTimes.length - 1].toFixed(0)} ms)`);
      }
      const sorted = [...times].sort((a, b) => a - b);
      const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
      const median = at(50);
      if (at(95) >= GOAL_MS) missed++;
      const alertsMedian = [...alertTimes].sort((a, b) => a - b)[Math.ceil(alertTimes.length / 2) - 1];
      rows.push(`| ${person.who} | ${runs} | ${fmt(times[0])} | ${fmt(median)} | ${fmt(at(95))} | ${fmt(sorted[sorted.length - 1])} | ${fmt(alertTimes[0])} | ${fmt(alertsMedian)} |`);
    }
  } finally {
    await browser.close();
    await new Promise((done) => {
      server.once('exit', done);
      server.kill('SIGTERM');
    });
    await pg.stop();
  }
  const markdown = [
    `The overview (\`/\`) on the national-sized snapshot of \`npm run bench:api\` (${fmt(practices)} practices, ${fmt(pointer.cells)} cells, ${pointer.firstMonth} to ${pointer.lastMonth}),`,
    'the real app (production settings) on localhost, Debian Chromium headless through playwright-core. Each run is a new browser',
    'context (no browser cache), signed in through the sign-in page, then the overview opened and timed from navigation start',
    'until the care plan coverage tile shows its value and the coverage trend chart is drawn. The first run of each user',
    'also fills the API’s caches; the later runs are answered from them as a returning user’s would be. The alerts columns',
    'time, in the same runs, when the overview’s alerts (the 10 most urgent) are listed, which the page does not wait for.',
    `Machine: ${cpus().length} cores shared with other work (load average ${loadBefore.toFixed(1)} before the runs, ${loadavg()[0].toFixed(1)} after).`,
    '',
    '| signed in as | runs | first run ms | median ms | p95 ms | slowest ms | alerts listed, first run ms | alerts listed, median ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `Goal (first page ready within ${fmt(GOAL_MS)} ms, p95): ${missed === 0 ? 'met' : `missed for ${missed} of ${people.length} users`}.`,
  ].join('\n');
  process.stdout.write(`\n${markdown}\n`);
  writeBenchmarkSection(docs, '## Dashboard (`npm run bench:web`)', markdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
