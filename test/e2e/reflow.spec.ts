/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { createRoleUsers, startAppUnderTest, type AppUnderTest, type Credentials, type Role } from './support/app-under-test';
import { launchChromium, settled, signIn } from './support/browser';

jest.setTimeout(600_000);

// WCAG 1.4.10 Reflow: content at 320 CSS px wide (1280 px at 400% zoom) without scrolling in two directions.
const PAGES = ['/', '/compare?measure=plan_coverage', '/inequalities?measure=plan_coverage&breakdown=imd_quintile', '/outcomes', '/evaluation', '/targets', '/alerts', '/groups', '/data', '/methodology'];

let app: AppUnderTest;
let browser: Browser;
let users: Record<Role, Credentials>;

beforeAll(async () => {
  app = await startAppUnderTest();
  users = await createRoleUsers(app);
  browser = await launchChromium();
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

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

async function pagesScrollingSideways(role: Role, width: number): Promise<{ path: string; scrollWidth: number; wider: string[] }[]> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  try {
    await signIn(page, app.baseUrl, users[role]);
    const found = [];
    for (const path of PAGES) {
      await page.goto(`${app.baseUrl}${path}`);
      await settled(page);
      found.push(await sidewaysScroll(page, path));
    }
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: /Report card|Your practice/ }).click();
    await page.waitForURL(/\/org\//);
    await page.getByTestId('report-card').waitFor();
    await settled(page);
    found.push(await sidewaysScroll(page, '/org/…'));
    return found.filter((f) => f !== null);
  } finally {
    await context.close();
  }
}

describe('reflow (WCAG 1.4.10): no page scrolls sideways', () => {
  it.each<[Role, number]>([
    ['admin', 320],
    ['practice', 320],
    ['commissioner', 640],
  ])('signed in as %s, %i px wide', async (role, width) => {
    await expect(pagesScrollingSideways(role, width)).resolves.toEqual([]);
  });

  it('keeps a practice user’s menu within the page’s width at 1280 px', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await signIn(page, app.baseUrl, users.practice);
      const beyond = await page.evaluate(() => {
        const right = document.querySelector('main')!.getBoundingClientRect().right;
        return [...document.querySelectorAll('.nhsuk-header__navigation-link')]
          .filter((link) => link.getBoundingClientRect().right > right + 0.5)
          .map((link) => `${link.textContent ?? ''} ends at ${Math.round(link.getBoundingClientRect().right)}px, the page at ${Math.round(right)}px`);
      });
      expect(beyond).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
