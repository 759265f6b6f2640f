import type { CompareResponse } from '../../api/src/contract/compare.contract';
import type { SnapshotStatusResponse } from '../../api/src/contract/data-quality.contract';
import type { Session } from '../../api/src/contract/auth.contract';
import type { SummaryResponse } from '../../api/src/contract/summary.contract';
import type { AlertList, AlertPreferences } from '../../api/src/contract/alerts.contract';
import type { OrganisationList } from '../../api/src/contract/organisations.contract';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiGet, apiSignIn, createRoleUsers, ROOT, startAppUnderTest, type AppUnderTest, type Credentials, type Role } from './support/app-under-test';
import { axeViolations, clippedTables, launchChromium, settled, signIn } from './support/browser';

jest.setTimeout(600_000);

const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const PAGES: { name: string; path: string; heading: RegExp }[] = [
  { name: 'overview', path: '/', heading: /^Overview/ },
  { name: 'compare', path: '/compare?measure=plan_coverage', heading: /^Compare practices$/ },
  { name: 'inequalities', path: '/inequalities?measure=plan_coverage&breakdown=imd_quintile', heading: /^Inequalities$/ },
  { name: 'outcomes', path: '/outcomes', heading: /^Outcomes with and without a plan$/ },
  { name: 'evaluation', path: '/evaluation', heading: /^Training programme evaluation$/ },
  { name: 'targets', path: '/targets', heading: /^Targets$/ },
  { name: 'alerts', path: '/alerts', heading: /^Alerts$/ },
  { name: 'groups', path: '/groups', heading: /^Groups of practices$/ },
  { name: 'data', path: '/data', heading: /^Data$/ },
  { name: 'methodology', path: '/methodology', heading: /^Methodology$/ },
];

/** The dashboard's way of writing a percentage (one decimal place). */
const percent = (value: number | null) => (value === null ? 'no data' : `${value.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`);

let app: AppUnderTest;
let browser: Browser;
let users: Record<Role, Credentials>;

beforeAll(async () => {
  app = await startAppUnderTest();
  users = await createRoleUsers(app);
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function signedIn(role: Role): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, app.baseUrl, users[role]);
  return { context, page };
}

/** Follows a link of the header's Menu, opening More first where the link is under it (a narrow window). */
async function followMenuLink(page: Page, name: RegExp): Promise<void> {
  const menu = page.getByRole('navigation', { name: 'Menu' });
  const link = menu.getByRole('link', { name });
  if (!(await link.isVisible())) await menu.getByRole('button', { name: 'Browse More' }).click();
  await link.click();
}

describe('the sign-in page', () => {
  it('has no accessibility violations, logs no error (the signed-out session check is not a 401) and is photographed', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(`${app.baseUrl}/`);
    await page.waitForURL(/\/sign-in/);
    await page.getByRole('heading', { level: 1, name: 'Sign in to PCSP Insights' }).waitFor();
    await settled(page);
    expect(consoleErrors).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'sign-in.png'), fullPage: true });
    await expect(axeViolations(page)).resolves.toEqual([]);
    await context.close();
  });

  it('refuses an empty form with the NHS error summary: focused, its links focusing their fields, with no accessibility violations', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/sign-in`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.getByRole('link').allTextContents()).resolves.toEqual(['Enter your email address', 'Enter your password']);
    // Focus moves in an effect after the summary is drawn: waited for, then checked.
    await page.waitForFunction(() => document.activeElement?.classList.contains('nhsuk-error-summary') === true, undefined, { timeout: 5_000 });
    await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe('nhsuk-error-summary');
    await expect(axeViolations(page)).resolves.toEqual([]);
    await alert.getByRole('link', { name: 'Enter your password' }).click();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('password');
    await expect(page.evaluate(() => location.hash)).resolves.toBe('');
    await context.close();
  });
});

// Before the pages of each role, so that their overview and targets pages (and screenshots) show a target.
describe('targets and alerts', () => {
  it('lets an administrator set the national target, shown with its projection, with no accessibility violations', async () => {
    const { context, page } = await signedIn('admin');
    await page.goto(`${app.baseUrl}/targets`);
    await settled(page);
    await page.getByLabel('Area code').fill('ENG');
    await page.getByLabel(/^Target \(/).fill('95');
    await page.getByLabel('To be met by (month)').fill('2027-03');
    await page.getByRole('button', { name: 'Save target' }).click();
    await page.getByText('Saved: 95.0% by March 2027 for England.').waitFor();
    await page.getByTestId('target-plan_coverage').waitFor();
    await settled(page);
    await expect(page.getByTestId('targets-table').getByRole('row').nth(1).textContent()).resolves.toMatch(/^Care plan coverageEngland95\.0%March 2027admin@/);
    await expect(page.getByTestId('target-plan_coverage').getByRole('heading', { level: 3 }).first().textContent()).resolves.toMatch(/^Care plan coverage: target 95\.0% by March 2027 (On track|Uncertain|Off track)$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'targets-admin.png'), fullPage: true });
    await expect(axeViolations(page)).resolves.toEqual([]);
    // A practice far below England, which the select does not list, is found by its code and then named by the select.
    const practice = (await apiGet<OrganisationList>(app.baseUrl, await apiSignIn(app.baseUrl, users.admin), '/orgs?level=practice&limit=1')).organisations[0]!;
    await page.getByLabel('Find an organisation').fill(practice.code);
    await page.getByRole('button', { name: `${practice.name} (${practice.code}) Practice in` }).click();
    await page.waitForURL(new RegExp(`/targets\\?area=${practice.code}$`));
    await expect(page.getByLabel('Area', { exact: true }).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).resolves.toBe(`${practice.name} (Practice)`);
    await context.close();
  });

  it('shows a commissioner the national target and the alerts of their area on the overview, and turns the weekly email off', async () => {
    const { context, page } = await signedIn('commissioner');
    await page.goto(`${app.baseUrl}/`);
    await settled(page);
    await expect(page.getByTestId('target-plan_coverage').textContent()).resolves.toContain('The target set for England applies here.');
    const cookie = await apiSignIn(app.baseUrl, users.commissioner);
    const session = await apiGet<Session>(app.baseUrl, cookie, '/auth/session');
    // The overview lists the 10 most urgent alerts, as the API pages them, and links to the rest.
    const alerts = await apiGet<AlertList>(app.baseUrl, cookie, `/alerts?area=${session.areas[0]!.code}&limit=10`);
    if (alerts.total > 0) {
      const rows = page.getByTestId('alerts-table').getByRole('row');
      await expect(rows.count()).resolves.toBe(alerts.alerts.length + 1);
      await expect(rows.nth(1).getByRole('rowheader').textContent()).resolves.toBe(alerts.alerts[0]!.practice.name);
      if (alerts.total > 10) await expect(page.getByTestId('alerts-see-all').textContent()).resolves.toBe(`See all ${alerts.total.toLocaleString('en-GB')} alerts`);
      else await expect(page.getByTestId('alerts-see-all').count()).resolves.toBe(0);
    } else await page.getByText(/^No practice in this area has an alert/).waitFor();
    const box = page.getByRole('checkbox', { name: 'Email me the weekly alerts' });
    await expect(box.isChecked()).resolves.toBe(true);
    const saved = (method: string) => page.waitForResponse((r) => r.url().endsWith('/api/alerts/preferences') && r.request().method() === method);
    await Promise.all([saved('PUT'), box.uncheck()]);
    await expect(apiGet<AlertPreferences>(app.baseUrl, cookie, '/alerts/preferences')).resolves.toMatchObject({ weeklyDigest: false });
    await expect(axeViolations(page)).resolves.toEqual([]);
    await Promise.all([saved('PUT'), box.check()]);
    await context.close();
  });
});

describe.each(['admin', 'commissioner', 'network', 'practice'] as Role[])('signed in as %s', (role) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await signedIn(role));
  });
  afterAll(async () => context?.close());

  it('shows the user’s name and role in the header', async () => {
    const session = await page.evaluate(async () => (await fetch('/api/auth/session')).json() as Promise<unknown>);
    const user = (session as Session).user;
    await expect(page.getByTestId('signed-in-user').textContent()).resolves.toContain(user.name);
  });

  it.each(PAGES)('shows $name with no accessibility violations', async ({ name, path, heading }) => {
    await page.goto(`${app.baseUrl}${path}`);
    await settled(page);
    await expect(page.getByRole('heading', { level: 1 }).first().textContent()).resolves.toMatch(heading);
    await expect(page.locator('[role="alert"]').count()).resolves.toBe(0);
    if (role === 'commissioner') await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    await expect(axeViolations(page)).resolves.toEqual([]);
    await expect(clippedTables(page)).resolves.toEqual([]);
  });

  it('shows its own report card with no accessibility violations', async () => {
    await page.goto(`${app.baseUrl}/`);
    await settled(page);
    await followMenuLink(page, /Report card|Your practice/);
    await page.waitForURL(/\/org\//);
    await page.getByTestId('report-card').waitFor();
    await settled(page);
    await expect(page.locator('[role="alert"]').count()).resolves.toBe(0);
    if (role === 'commissioner') await page.screenshot({ path: join(SCREENSHOTS, 'report-card-icb.png'), fullPage: true });
    await expect(axeViolations(page)).resolves.toEqual([]);
  });
});

describe('the Data page signed in as practice', () => {
  it('shows how fresh the figures are, as GET /api/snapshot answers, with no imports and no request to /api/data-quality', async () => {
    const cookie = await apiSignIn(app.baseUrl, users.practice);
    const { snapshot } = await apiGet<SnapshotStatusResponse>(app.baseUrl, cookie, '/snapshot');
    const { context, page } = await signedIn('practice');
    try {
      const asked: string[] = [];
      page.on('request', (request) => asked.push(new URL(request.url()).pathname));
      await page.goto(`${app.baseUrl}/data`);
      await settled(page);
      const list = page.getByTestId('snapshot');
      // The months as the dashboard names them: '2024-05' is May 2024.
      const month = (m: string | null) => (m ? new Date(`${m}-01T00:00:00Z`).toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }) : 'no data');
      await expect(list.locator('dt').allTextContents()).resolves.toEqual(['Built', 'Months', 'Figures', 'Computed with', ...(snapshot.lastError ? ['Last refresh'] : [])]);
      await expect(list.locator('dd').nth(1).textContent()).resolves.toBe(`${month(snapshot.firstMonth)} to ${month(snapshot.lastMonth)}`);
      await expect(list.locator('dd').nth(2).textContent()).resolves.toBe(snapshot.stale ? 'Records changed since the last refresh' : 'Up to date');
      // The snapshot the app under test built records the DuckDB library it ran on.
      await expect(list.locator('dd').nth(3).textContent()).resolves.toBe(`DuckDB ${snapshot.duckdbVersion ?? 'version missing from GET /api/snapshot'}`);
      await expect(page.getByText('Administrators import the records and refresh the snapshot these figures come from.').count()).resolves.toBe(1);
      await expect(page.getByRole('heading', { name: 'Recent imports' }).count()).resolves.toBe(0);
      expect(asked.filter((path) => path.startsWith('/api/data-quality') || path === '/api/snapshot')).toEqual(['/api/snapshot']);
    } finally {
      await context.close();
    }
  });
});

describe('XmR / SPC view of a trend', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await signedIn('commissioner'));
  });
  afterAll(async () => context?.close());

  it('switches the overview trend to an XmR chart with its variation and assurance icons, with no accessibility violations', async () => {
    await page.goto(`${app.baseUrl}/`);
    await settled(page);
    await page.getByLabel('XmR / SPC').first().check();
    await page.getByLabel(/^Target for the assurance icon/).first().fill('95');
    await page.getByRole('img', { name: /^Variation: |variation/ }).first().waitFor();
    await expect(page.getByRole('img', { name: /^Assurance: / }).count()).resolves.toBe(1);
    await expect(page.getByRole('heading', { name: /XmR chart$/ }).count()).resolves.toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'spc.png'), fullPage: true });
    await expect(axeViolations(page)).resolves.toEqual([]);
  });
});

describe('figures on screen equal the API’s', () => {
  let context: BrowserContext;
  let page: Page;
  let cookie: string;

  beforeAll(async () => {
    ({ context, page } = await signedIn('commissioner'));
    cookie = await apiSignIn(app.baseUrl, users.commissioner);
  });
  afterAll(async () => context?.close());

  it('overview: the care plan coverage tile', async () => {
    const session = await apiGet<Session>(app.baseUrl, cookie, '/auth/session');
    const summary = await apiGet<SummaryResponse>(app.baseUrl, cookie, `/orgs/${session.areas[0]!.code}/summary`);
    const card = summary.cards.find((c) => c.measure === 'plan_coverage')!;
    await page.goto(`${app.baseUrl}/`);
    await settled(page);
    await expect(page.getByTestId('tile-plan_coverage').textContent()).resolves.toBe(percent(card.rate));
  });

  it('compare: every practice in rank order with its rate', async () => {
    const compare = await apiGet<CompareResponse>(app.baseUrl, cookie, '/measures/plan_coverage/compare?level=practice&sort=rank&limit=1000');
    const open = compare.rows.filter((r) => !(r.numerator === null && (r.denominator === null || r.denominator === 0)));
    await page.goto(`${app.baseUrl}/compare?measure=plan_coverage`);
    await settled(page);
    const rows = page.getByTestId('ranked-table').locator('tbody tr');
    await expect(rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code')))).resolves.toEqual(open.map((r) => r.code));
    await expect(rows.locator('[data-testid="rate"]').allTextContents()).resolves.toEqual(open.map((r) => percent(r.rate)));
  });

  it('report card: each measure’s value for a practice', async () => {
    const compare = await apiGet<CompareResponse>(app.baseUrl, cookie, '/measures/plan_coverage/compare?level=practice&sort=rank&limit=1');
    const code = compare.rows[0]!.code;
    const summary = await apiGet<SummaryResponse>(app.baseUrl, cookie, `/orgs/${code}/summary`);
    await page.goto(`${app.baseUrl}/org/${code}`);
    await settled(page);
    await page.screenshot({ path: join(SCREENSHOTS, 'report-card-practice.png'), fullPage: true });
    for (const card of summary.cards.filter((c) => c.unit === '%')) {
      // A provisional month (plan_shared's latest) says so beside its value.
      await expect(page.locator(`tr[data-measure="${card.measure}"] [data-testid="card-value"]`).textContent()).resolves.toBe(
        `${percent(card.rate)}${card.provisional ? ' (provisional)' : ''}`,
      );
    }
  });

  it('prints a report card to A4 with nothing cut off at the side', async () => {
    const compare = await apiGet<CompareResponse>(app.baseUrl, cookie, '/measures/plan_coverage/compare?level=practice&sort=rank&limit=1');
    const print = await context.newPage();
    await print.goto(`${app.baseUrl}/org/${compare.rows[0]!.code}`);
    await print.getByTestId('report-card').waitFor();
    await settled(print);
    await print.emulateMedia({ media: 'print' });
    // A4 at 96 dpi less the 12 mm margins each side: 794 − 2 × 45 = 704 px of printable width.
    await print.setViewportSize({ width: 704, height: 1000 });
    // Every table and chart ends inside the page (a table scrolling sideways would print cut off).
    const overflowing = await print.evaluate(() => {
      type Box = { right: number };
      type Node = { tagName: string; scrollWidth: number; clientWidth: number; getBoundingClientRect: () => Box };
      const doc = (globalThis as unknown as { document: { documentElement: { clientWidth: number }; querySelectorAll: (s: string) => ArrayLike<Node> } }).document;
      const width = doc.documentElement.clientWidth;
      return Array.from(doc.querySelectorAll('main table, main svg, .app-table-scroll'))
        .filter((n) => n.getBoundingClientRect().right > width + 1 || n.scrollWidth > n.clientWidth + 1)
        .map((n) => n.tagName);
    });
    expect(overflowing).toEqual([]);
    const pdf = await print.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await print.close();
  });

  it('a click on a funnel point opens that practice', async () => {
    const compare = await apiGet<CompareResponse>(app.baseUrl, cookie, '/measures/plan_coverage/compare?level=practice&sort=rank&limit=1000');
    await page.goto(`${app.baseUrl}/compare?measure=plan_coverage`);
    await settled(page);
    const dot = page.locator('figure.app-chart g[data-mark="dot"] > *').first();
    await dot.scrollIntoViewIfNeeded();
    const box = await dot.boundingBox();
    if (!box) throw new Error('the funnel plot has no points');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForURL(/\/org\/[^/?]+\?measure=plan_coverage$/);
    const code = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
    expect(compare.rows.map((r) => r.code)).toContain(code);
    // The page changes in the browser, with no load event: wait for the practice's own heading.
    const name = compare.rows.find((r) => r.code === code)!.name;
    await page.getByRole('heading', { level: 1 }).filter({ hasText: name }).waitFor();
    await settled(page);
    await expect(page.getByTestId('report-card').count()).resolves.toBe(1);
  });

  it('downloads the comparison as CSV with a row per practice', async () => {
    const compare = await apiGet<CompareResponse>(app.baseUrl, cookie, '/measures/plan_coverage/compare?level=practice&sort=rank&limit=1000');
    await page.goto(`${app.baseUrl}/compare?measure=plan_coverage`);
    await settled(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-download').click()]);
    const text = readFileSync((await download.path())!, 'utf8').trim();
    const lines = text.split(/\r?\n/);
    expect(lines).toHaveLength(compare.rows.length + 1);
    for (const row of compare.rows) expect(text).toContain(row.code);
  });
});

// WCAG 1.4.10 Reflow: content at 320 CSS px wide (1280 px at 400% zoom) without scrolling in two directions.
/**
 * How far the page scrolls sideways ({ path, scrollWidth } when it does), naming the elements that reach past the
 * viewport. Tables and charts may scroll inside their own wrappers (.app-table-scroll, figures), so what is in them is not named.
 */
async function sidewaysScroll(page: Page, path: string): Promise<{ path: string; scrollWidth: number; wider: string[] } | null> {
  const { scrollWidth, viewport, wider } = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}`;
    return {
      scrollWidth: document.documentElement.scrollWidth,
      viewport: width,
      wider: [...document.querySelectorAll('body *')]
        .filter((el) => !el.closest('.app-table-scroll, figure') && el.getBoundingClientRect().right > width + 0.5)
        .slice(0, 5)
        .map((el) => `${name(el)} to ${Math.round(el.getBoundingClientRect().right)}px`),
    };
  });
  return scrollWidth > viewport ? { path, scrollWidth, wider } : null;
}

/** The smallest width any chart is designed at (the overview's small multiples); a container narrower than it is filled. */
const SMALLEST_CHART = 360;

/**
 * Charts not drawn at their container's width: an svg scaled by CSS (its box differs from its width attribute, so its text
 * shrinks with it), drawn wider than its container, or narrower than a container that is narrower than any chart's design.
 */
async function scaledCharts(page: Page, path: string): Promise<{ charts: number; scaled: string[] }> {
  const found = await page.evaluate((smallest) => {
    const hosts = [...document.querySelectorAll('.app-plot')].filter((host) => host.querySelector('svg'));
    const scaled = hosts.flatMap((host) => {
      const svg = host.querySelector('svg')!;
      const container = host.getBoundingClientRect().width;
      const drawn = Number(svg.getAttribute('width'));
      const shown = svg.getBoundingClientRect().width;
      const filled = Math.floor(container) > smallest || drawn === Math.floor(container);
      if (Math.abs(shown - drawn) <= 0.5 && drawn <= container && filled) return [];
      const title = host.closest('figure')?.querySelector('.app-chart__title')?.textContent ?? 'a chart';
      return [`${title}: drawn ${drawn} px, shown ${shown.toFixed(1)} px, in ${container.toFixed(1)} px`];
    });
    return { charts: hosts.length, scaled };
  }, SMALLEST_CHART);
  return { charts: found.charts, scaled: found.scaled.map((f) => `${path} ${f}`) };
}

async function reflowProblems(role: Role, width: number): Promise<{ scrolling: { path: string; scrollWidth: number; wider: string[] }[]; charts: number; scaled: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  try {
    await signIn(page, app.baseUrl, users[role]);
    const found = [];
    const scaled: string[] = [];
    let charts = 0;
    const checkCharts = async (path: string) => {
      const result = await scaledCharts(page, path);
      charts += result.charts;
      scaled.push(...result.scaled);
    };
    for (const { path } of PAGES) {
      await page.goto(`${app.baseUrl}${path}`);
      await settled(page);
      found.push(await sidewaysScroll(page, path));
      await checkCharts(path);
    }
    await followMenuLink(page, /Report card|Your practice/);
    await page.waitForURL(/\/org\//);
    await page.getByTestId('report-card').waitFor();
    await settled(page);
    found.push(await sidewaysScroll(page, '/org/…'));
    await checkCharts('/org/…');
    return { scrolling: found.filter((f) => f !== null), charts, scaled };
  } finally {
    await context.close();
  }
}

describe('reflow (WCAG 1.4.10): no page scrolls sideways', () => {
  it.each<[Role, number]>([
    ['admin', 320],
    ['practice', 320],
    ['commissioner', 640],
  ])('signed in as %s, %i px wide, with every chart drawn at its container’s width', async (role, width) => {
    const { scrolling, charts, scaled } = await reflowProblems(role, width);
    expect(scrolling).toEqual([]);
    expect(charts).toBeGreaterThan(0);
    expect(scaled).toEqual([]);
  });

  it('keeps a practice user’s menu within the page’s width at 1280 px', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await signIn(page, app.baseUrl, users.practice);
      const beyond = await page.evaluate(() => {
        const right = document.querySelector('main')!.getBoundingClientRect().right;
        // Links and the More toggle as shown: not the hidden copy of the row that the header measures.
        return [...document.querySelectorAll('nav[aria-label="Menu"] :is(a, button).nhsuk-header__navigation-link')]
          .filter((link) => link.getBoundingClientRect().right > right + 0.5)
          .map((link) => `${link.textContent ?? ''} ends at ${Math.round(link.getBoundingClientRect().right)}px, the page at ${Math.round(right)}px`);
      });
      expect(beyond).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('editing a custom group', () => {
  it('renames a group and changes its practices on the Groups page, and the change shows wherever a group is chosen', async () => {
    const { context, page } = await signedIn('commissioner');
    const cookie = await apiSignIn(app.baseUrl, users.commissioner);
    const session = await apiGet<Session>(app.baseUrl, cookie, '/auth/session');
    const list = await apiGet<{ organisations: { code: string; name: string }[] }>(app.baseUrl, cookie, `/orgs?level=practice&parent=${session.areas[0]!.code}&limit=3`);
    const [first, second, third] = list.organisations;
    expect(third).toBeDefined();
    const pick = async (practice: { code: string }) => {
      await page.getByLabel('Find practices by name or code').fill(practice.code);
      await page.locator(`#pick-${practice.code}`).check();
    };

    await page.goto(`${app.baseUrl}/groups`);
    await settled(page);
    await page.getByLabel('Group name').fill('E2E locality');
    await pick(first!);
    await pick(second!);
    await page.getByRole('button', { name: 'Save group' }).click();
    await page.getByText('Group “E2E locality” saved.').waitFor();

    // Edit: a new name, the second practice out and the third in.
    await page.getByRole('button', { name: 'Edit E2E locality' }).click();
    await page.getByLabel('Group name').fill('E2E renamed');
    await page.getByRole('button', { name: `Remove ${second!.name}` }).click();
    await pick(third!);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes to “E2E renamed” saved.').waitFor();
    const row = page.getByRole('row', { name: /E2E renamed/ });
    const groupRow = (await row.getByRole('cell').first().textContent()) ?? '';
    expect(groupRow.split(', ').sort()).toEqual([first!.name, third!.name].sort());
    await expect(page.getByRole('row', { name: /E2E locality/ }).count()).resolves.toBe(0);

    // The overview's area and Compare's "Practices in" offer the group by its new name only.
    for (const [path, label] of [['/', 'Area'], ['/compare?measure=plan_coverage', 'Practices in']]) {
      await page.goto(`${app.baseUrl}${path}`);
      await settled(page);
      const options = await page.getByLabel(label, { exact: true }).locator('option').allTextContents();
      expect({ path, renamed: options.includes('E2E renamed'), old: options.includes('E2E locality') }).toEqual({ path, renamed: true, old: false });
    }
    // Chosen in Compare, the group's practices are the edited ones. A choice is no navigation, so
    // settled() alone could look before the request for the group had begun: its answer is awaited.
    const compared = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('/compare') && r.ok());
    await page.getByLabel('Practices in', { exact: true }).selectOption({ label: 'E2E renamed' });
    await compared;
    await settled(page);
    const shown = await page.getByTestId('ranked-table').locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code')));
    expect(shown.sort()).toEqual([first!.code, third!.code].sort());
    await context.close();
  });
});

describe('uploading an extract', () => {
  it('shows the upload progress and the import finishing', async () => {
    const extract = mkdtempSync(join(tmpdir(), 'pcsp-e2e-extract-'));
    try {
      execFileSync(process.execPath, [join(ROOT, 'api', 'dist', 'cli', 'main.js'), 'generate', '--out', extract, '--practices', '2', '--patients', '200', '--seed', '11'], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: join(extract, '.data') },
        stdio: 'pipe',
      });
      const files = readdirSync(extract).filter((f) => f.endsWith('.csv')).map((f) => join(extract, f));
      expect(files.length).toBeGreaterThan(0);
      const { context, page } = await signedIn('admin');
      await page.goto(`${app.baseUrl}/data`);
      await settled(page);
      await page.getByLabel('Extract files').setInputFiles(files);
      await page.getByRole('button', { name: 'Upload and import' }).click();
      const job = page.getByTestId('import-job');
      await job.waitFor({ timeout: 60_000 });
      await page.waitForSelector('[data-testid="import-job"][data-status="succeeded"], [data-testid="import-job"][data-status="failed"]', { timeout: 180_000 });
      await expect(job.getAttribute('data-status')).resolves.toBe('succeeded');
      await page.screenshot({ path: join(SCREENSHOTS, 'data-upload.png'), fullPage: true });
      await expect(axeViolations(page)).resolves.toEqual([]);
      await context.close();
    } finally {
      rmSync(extract, { recursive: true, force: true });
    }
  });
});
