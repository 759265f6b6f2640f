import '../../test/polyfills';
import type { Role, Session } from '@pcsp/contract/auth.contract';
import { screen, within } from '@testing-library/react';
import { renderAt, SESSION } from '../../test/render-app';
import { AppHeader, navigationFor } from './app-header';

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
