import '../../test/polyfills';
import type { Role, Session } from '@pcsp/contract/auth.contract';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderAt, SESSION } from '../../test/render-app';
import { installStubResizeObserver, StubResizeObserver } from '../../test/stub-resize-observer';
import { AppHeader, navigationFor } from './app-header';
import { itemsInRow } from './header-navigation';

const as = (role: Role): Session => ({ ...SESSION, user: { ...SESSION.user, role } });

describe('header navigation', () => {
  it.each<Role>(['admin', 'commissioner', 'network', 'practice'])('offers Alerts, right after Overview, to a %s (GET /alerts allows every role)', async (role) => {
    const labels = navigationFor(as(role)).map((item) => item.label);
    await expect(Promise.resolve(labels.slice(0, 2))).resolves.toEqual(['Overview', 'Alerts']);
  });

  it('marks Alerts as the current page on /alerts and on none of the others', async () => {
    renderAt([{ path: '*', element: <AppHeader session={SESSION} /> }], '/alerts?area=QWE&page=2');
    const menu = screen.getByRole('navigation', { name: 'Menu' });
    const alerts = await within(menu).findByRole('link', { name: 'Alerts' });
    expect(alerts.getAttribute('href')).toBe('/alerts');
    expect(alerts.getAttribute('aria-current')).toBe('page');
    expect(within(menu).getAllByRole('link').filter((link) => link.getAttribute('aria-current') === 'page')).toEqual([alerts]);
  });

  it('does not mark Alerts on the overview', async () => {
    renderAt([{ path: '*', element: <AppHeader session={SESSION} /> }], '/');
    const menu = screen.getByRole('navigation', { name: 'Menu' });
    expect((await within(menu).findByRole('link', { name: 'Overview' })).getAttribute('aria-current')).toBe('page');
    expect(within(menu).getByRole('link', { name: 'Alerts' }).getAttribute('aria-current')).toBeNull();
  });
});

/** The widths (and the drop-down's height) that the stubbed layout reports; jsdom lays nothing out (0). */
const layout = { row: 0, item: 0, toggle: 0, dropDown: 0 };

function laidOut(sizes: typeof layout): void {
  Object.assign(layout, sizes);
  jest.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    const copy = this.closest('.app-navigation-measure') !== null;
    let width = 0;
    let height = 0;
    if (this.matches('ul.nhsuk-header__navigation-list') && !copy) width = layout.row;
    else if (copy && this.matches('li.nhsuk-header__navigation-item')) width = layout.item;
    else if (copy && this.matches('li.nhsuk-header__menu')) width = layout.toggle;
    else if (this.matches('ul.nhsuk-header__menu-list')) height = layout.dropDown;
    return { width, height, x: 0, y: 0, top: 0, left: 0, right: width, bottom: height } as DOMRect;
  });
}

/** Tells every observer that what it watches changed size, after the layout is changed to `sizes`. */
function relaidOut(sizes: typeof layout): void {
  Object.assign(layout, sizes);
  act(() => {
    for (const observer of StubResizeObserver.live) {
      if (observer.targets.length > 0) observer.callback([], observer as unknown as ResizeObserver);
    }
  });
}

const ALL = ['Overview', 'Alerts', 'Compare practices', 'Targets', 'Report card', 'Inequalities', 'Outcomes', 'Training', 'Groups', 'Data', 'Methodology'];
// 11 items of 100 px end at 100, 200, … 1100 px, past a 600 px row, so More (80 px) is shown: what ends within
// 600 − 80 = 520 px stays on the row (the first 5), the other 6 go under More.
const OVERFLOWING = { row: 600, item: 100, toggle: 80, dropDown: 300 };
// The last item ends at 1100 px, not past a 1100 px row: all fit, with no More.
const FITTING = { row: 1100, item: 100, toggle: 80, dropDown: 300 };

const menuNav = () => screen.getByRole('navigation', { name: 'Menu' });
const shownLinks = () => within(menuNav()).queryAllByRole('link').map((link) => link.textContent);
const moreButton = () => within(menuNav()).getByRole('button', { name: 'Browse More' });
const rowList = () => menuNav().querySelector('.nhsuk-header__navigation-container > ul')!;

describe('header navigation that does not fit on one row', () => {
  installStubResizeObserver();
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('keeps the items that fit on the row and puts the others under a closed More toggle', async () => {
    laidOut(OVERFLOWING);
    renderAt([{ path: '*', element: <AppHeader session={SESSION} /> }], '/');
    await expect(Promise.resolve(shownLinks())).resolves.toEqual(ALL.slice(0, 5));
    expect(moreButton().getAttribute('aria-expanded')).toBe('false');
    expect(moreButton().closest('li')!.className).toBe('nhsuk-header__menu');
    expect(rowList().className).toBe('nhsuk-header__navigation-list');
  });

  it('opens the drop-down with the overflowing links, after More in the keyboard order', async () => {
    laidOut(OVERFLOWING);
    renderAt([{ path: '*', element: <AppHeader session={SESSION} /> }], '/');
    fireEvent.click(moreButton());
    await expect(Promise.resolve(moreButton().getAttribute('aria-expanded'))).resolves.toBe('true');
    const dropDown = moreButton().nextElementSibling as HTMLElement;
    expect(dropDown.className).toBe('nhsuk-header__menu-list');
    expect(within(dropDown).getAllByRole('link').map((link) => link.textContent)).toEqual(ALL.slice(5));
    expect([...menuNav().querySelectorAll<HTMLElement>('a, button')].filter((el) => !el.closest('[hidden]')).map((el) => el.textContent)).toEqual([...ALL.slice(0, 5), 'Browse More', ...ALL.slice(5)]);
    // The navigation's border, as tall as the drop-down, is its background (nhsuk-frontend's script sets it so).
    expect(menuNav().style.borderBottomWidth).toBe('300px');
  });

  it('closes on Escape and gives focus back to More', async () => {
    laidOut(OVERFLOWING);
    renderAt([{ path: '*', element: <AppHeader session={SESSION} /> }], '/');
    fireEvent.click(moreButton());
    const groups = within(menuNav()).getByRole('link', { name: 'Groups' });
    groups.focus();
    fireEvent.keyDown(groups, { key: 'Escape' });
    await expect(Promise.resolve(moreButton().getAttribute('aria-expanded'))).resolves.toBe('false');
    expect(document.activeElement).toBe(moreButton());
    expect(shownLinks()).toEqual(ALL.slice(0, 5));
    expect(menuNav().style.borderBottomWidth).toBe('');
  });

  it('closes on a click outside the menu and when a link in it is followed', async () => {
    laidOut(OVERFLOWING);
    const { location } = renderAt([{ path: '*', element: <AppHeader session={SESSION} /> }], '/');
    fireEvent.click(moreButton());
    fireEvent.click(document.body);
    await expect(Promise.resolve(moreButton().getAttribute('aria-expanded'))).resolves.toBe('false');
    fireEvent.click(moreButton());
    fireEvent.click(within(menuNav()).getByRole('link', { name: 'Data' }));
    expect(location()).toBe('/data');
    expect(within(menuNav()).getByRole('button', { name: 'Browse More (current page: Data)' }).getAttribute('aria-expanded')).toBe('false');
  });

  it('marks the current page inside the drop-down', async () => {
    laidOut(OVERFLOWING);
    renderAt([{ path: '*', element: <AppHeader session={SESSION} /> }], '/methodology');
    fireEvent.click(within(menuNav()).getByRole('button', { name: 'Browse More (current page: Methodology)' }));
    const methodology = within(menuNav()).getByRole('link', { name: 'Methodology' });
    await expect(Promise.resolve(methodology.closest('ul')!.className)).resolves.toBe('nhsuk-header__menu-list');
    expect(methodology.getAttribute('aria-current')).toBe('page');
    expect(methodology.closest('li')!.className).toBe('nhsuk-header__navigation-item nhsuk-header__navigation-item--current');
    expect(methodology.querySelector('strong.nhsuk-header__navigation-item-current-fallback')!.textContent).toBe('Methodology');
    expect(within(menuNav()).getAllByRole('link').filter((link) => link.getAttribute('aria-current') === 'page')).toEqual([methodology]);
  });

  it('shows on More, to the eye and in its name, that the current page is under it, and leaves More as it is otherwise', async () => {
    laidOut(OVERFLOWING);
    renderAt([{ path: '*', element: <AppHeader session={SESSION} /> }], '/targets');
    // Targets (the 4th item) ends at 400 px, within the 520 px left by More: on the row, so More is as ever.
    const plain = await within(menuNav()).findByRole('button', { name: 'Browse More' });
    expect(plain.className).toBe('nhsuk-header__menu-toggle nhsuk-header__navigation-link');
    expect(plain.querySelector('strong')).toBeNull();
    expect(within(rowList() as HTMLElement).getByRole('link', { name: 'Targets' }).getAttribute('aria-current')).toBe('page');
    // In 400 px More leaves 320: Overview, Alerts and Compare practices end within it (100, 200, 300); Targets (400)
    // goes under More, which is now underlined as the row's current link is, with the strong fallback, and says so.
    relaidOut({ ...OVERFLOWING, row: 400 });
    const current = within(menuNav()).getByRole('button', { name: 'Browse More (current page: Targets)' });
    expect(current).toBe(plain);
    expect(current.className).toBe('nhsuk-header__menu-toggle nhsuk-header__navigation-link app-navigation-toggle--current');
    expect(current.querySelector('strong.nhsuk-header__navigation-item-current-fallback')!.textContent).toBe('More');
    expect(current.getAttribute('aria-current')).toBeNull();
    expect(current.getAttribute('aria-expanded')).toBe('false');
    relaidOut(OVERFLOWING);
    expect(current.className).toBe('nhsuk-header__menu-toggle nhsuk-header__navigation-link');
    expect(within(menuNav()).getByRole('button', { name: 'Browse More' })).toBe(current);
  });

  it('keeps the focus on a link that a resize moves, where it is shown, else on More, and only when it was in the menu', async () => {
    laidOut(OVERFLOWING);
    renderAt([{ path: '*', element: <AppHeader session={SESSION} /> }], '/');
    const link = (name: string) => within(menuNav()).getByRole('link', { name });
    // Targets ends at 400 px: on the row at 600 px (520 left by More), under More at 400 px (320 left).
    link('Targets').focus();
    relaidOut({ ...OVERFLOWING, row: 400 });
    await expect(Promise.resolve(document.activeElement)).resolves.toBe(moreButton());
    // Under the open drop-down it is shown: back on the row, then under More again, it keeps the focus.
    fireEvent.click(moreButton());
    link('Targets').focus();
    relaidOut(OVERFLOWING);
    expect(document.activeElement).toBe(link('Targets'));
    expect(link('Targets').closest('ul')).toBe(rowList());
    relaidOut({ ...OVERFLOWING, row: 400 });
    expect(document.activeElement).toBe(link('Targets'));
    expect(link('Targets').closest('ul')!.className).toBe('nhsuk-header__menu-list');
    // More itself goes when all fit: the focus goes to the first link that was under it (Targets, the 4th).
    moreButton().focus();
    relaidOut(FITTING);
    expect(within(menuNav()).queryByRole('button')).toBeNull();
    expect(document.activeElement).toBe(link('Targets'));
    // Focus outside the menu (on Sign out, or on nothing) stays where it is when links move.
    relaidOut(OVERFLOWING);
    const signOut = screen.getByRole('button', { name: 'Sign out' });
    signOut.focus();
    relaidOut({ ...OVERFLOWING, row: 400 });
    expect(document.activeElement).toBe(signOut);
    signOut.blur();
    relaidOut(OVERFLOWING);
    expect(document.activeElement).toBe(document.body);
  });

  it('shows every item on one row with no More when all fit, also after a resize that needed it', async () => {
    laidOut(FITTING);
    renderAt([{ path: '*', element: <AppHeader session={SESSION} /> }], '/');
    await expect(Promise.resolve(shownLinks())).resolves.toEqual(ALL);
    expect(within(menuNav()).queryByRole('button')).toBeNull();
    expect(rowList().className).toBe('nhsuk-header__navigation-list');
    relaidOut(OVERFLOWING);
    fireEvent.click(moreButton());
    expect(shownLinks()).toEqual(ALL);
    relaidOut(FITTING);
    expect(within(menuNav()).queryByRole('button')).toBeNull();
    expect(shownLinks()).toEqual(ALL);
    expect(menuNav().querySelector('.nhsuk-header__menu-list')).toBeNull();
  });

  it('shows every item on a row that wraps, with no More, when nothing can be measured', async () => {
    Reflect.deleteProperty(globalThis, 'ResizeObserver');
    const first = renderAt([{ path: '*', element: <AppHeader session={SESSION} /> }], '/');
    await expect(Promise.resolve(shownLinks())).resolves.toEqual(ALL);
    expect(within(menuNav()).queryByRole('button')).toBeNull();
    expect(rowList().className).toBe('nhsuk-header__navigation-list app-navigation-list');
    first.unmount();
    // With a ResizeObserver but no layout yet (0 px everywhere), then laid out, then not laid out again.
    globalThis.ResizeObserver = StubResizeObserver as unknown as typeof ResizeObserver;
    laidOut({ row: 0, item: 0, toggle: 0, dropDown: 0 });
    renderAt([{ path: '*', element: <AppHeader session={SESSION} /> }], '/');
    expect(shownLinks()).toEqual(ALL);
    expect(within(menuNav()).queryByRole('button')).toBeNull();
    expect(rowList().className).toBe('nhsuk-header__navigation-list app-navigation-list');
    relaidOut(OVERFLOWING);
    expect(shownLinks()).toEqual(ALL.slice(0, 5));
    relaidOut({ row: 0, item: 0, toggle: 0, dropDown: 0 });
    expect(shownLinks()).toEqual(ALL);
    expect(within(menuNav()).queryByRole('button')).toBeNull();
  });
});

describe('itemsInRow', () => {
  it('keeps all items when they end within the row, otherwise those that end before the room left by More', async () => {
    // 40 + 50 + 30 = 120: all fit in 120 px. In 119 px More (20 px) leaves 99: 40 and 90 end within it, 120 does not.
    await expect(Promise.resolve(itemsInRow(120, [40, 50, 30], 20))).resolves.toBe(3);
    expect(itemsInRow(119, [40, 50, 30], 20)).toBe(2);
    // 30 px wide with More of 20 px leaves 10: not even the first item (40) fits.
    expect(itemsInRow(30, [40, 50, 30], 20)).toBe(0);
  });
});
