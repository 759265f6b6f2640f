/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Credentials } from './app-under-test';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

/** Debian's Chromium, headless, with nothing running in the background. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Waits until the page has stopped loading figures (no request in flight, no loading message). */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  // A function, not a string: the app's CSP forbids eval, which a string predicate needs.
  const noLoading = () => (globalThis as unknown as { document: { querySelectorAll: (s: string) => { length: number } } }).document.querySelectorAll('.app-loading').length === 0;
  await page.waitForFunction(noLoading, undefined, { timeout: 30_000 });
  await page.waitForLoadState('networkidle');
}

/** Signs in through the sign-in page and waits for the overview. */
export async function signIn(page: Page, baseUrl: string, who: Credentials): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await settled(page);
}

/** axe's violations on the page as "rule: target" lines ([] when there are none). */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} – ${n.failureSummary ?? ''}`));
}

/**
 * Tables whose edge a scrolling wrapper cuts off: NHS tables reach 2px beyond their box (margin −2px), which a
 * wrapper with overflow clips unless it leaves room. Each is named by the wrapper's label, with the pixels cut.
 */
export async function clippedTables(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.app-table-scroll')].flatMap((wrapper) => {
      const table = wrapper.querySelector('table');
      if (!table) return [];
      const outer = wrapper.getBoundingClientRect();
      const inner = table.getBoundingClientRect();
      // The right edge only where the table fits: a wider one scrolls to it.
      const cut = Math.max(outer.left - inner.left, wrapper.scrollWidth > wrapper.clientWidth ? 0 : inner.right - outer.right);
      return cut > 0.5 ? [`${wrapper.getAttribute('aria-label') ?? 'a table'}: ${cut}px cut off`] : [];
    }),
  );
}
