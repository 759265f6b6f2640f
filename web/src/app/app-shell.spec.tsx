import '../test/polyfills';
import { fireEvent, screen, within } from '@testing-library/react';
import { DATA_QUALITY, ICB } from '../test/api-fixtures';
import { installFakeApi, MEASURE_LIST, renderAt, SESSION } from '../test/render-app';
import { routes } from './router';

describe('app shell', () => {
  it('sends a visitor without a session to sign in, keeping where they were going', async () => {
    installFakeApi((path) => (path === '/auth/session' ? { status: 401, body: { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Sign in first' } } : undefined));
    const { location } = renderAt(routes, '/compare?measure=activation');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to PCSP Insights' })).toBeTruthy();
    expect(location()).toBe(`/sign-in?next=${encodeURIComponent('/compare?measure=activation')}`);
  });

  it('shows the service name, the user and their role and area, and the navigation', async () => {
    installFakeApi((path) => {
      if (path === '/auth/session') return { body: SESSION };
      if (path === '/measures') return { body: MEASURE_LIST };
      if (path === '/orgs/QWE') return { body: ICB };
      if (path === '/data-quality') return { body: DATA_QUALITY };
      if (path === '/groups') return { body: { groups: [] } };
      return undefined;
    });
    renderAt(routes, '/methodology');
    const banner = await screen.findByRole('banner');
    expect(within(banner).getByText('PCSP Insights')).toBeTruthy();
    expect((await within(banner).findByTestId('signed-in-user')).textContent).toBe('Cara Commissioner, · Commissioner, · NHS North ICB');
    const menu = within(banner).getByRole('navigation', { name: 'Menu' });
    expect(within(menu).getAllByRole('link').map((a) => a.textContent)).toEqual(['Overview', 'Alerts', 'Compare practices', 'Targets', 'Report card', 'Inequalities', 'Outcomes', 'Training', 'Groups', 'Data', 'Methodology']);
    expect(within(menu).getByRole('link', { name: 'Methodology' }).getAttribute('aria-current')).toBe('page');
    expect(within(menu).getByRole('link', { name: 'Report card' }).getAttribute('href')).toBe('/org/QWE');
  });

  it('says so when the API cannot be reached', async () => {
    installFakeApi(() => ({ status: 503, body: { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'The snapshot is being built' } }));
    renderAt(routes, '/');
    expect((await screen.findByRole('alert')).textContent).toContain('The snapshot is being built');
  });
});

describe('signing out', () => {
  it('ends the session and returns to the sign-in page without the user in the header', async () => {
    let signedIn = true;
    const requests = installFakeApi((path, init) => {
      if (path === '/auth/logout' && init?.method === 'POST') {
        signedIn = false;
        return { status: 204, body: null };
      }
      if (path === '/auth/session') return signedIn ? { body: SESSION } : { status: 401, body: { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Not signed in' } };
      if (path === '/measures') return { body: MEASURE_LIST };
      return undefined;
    });
    const { location } = renderAt(routes, '/methodology');
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to PCSP Insights' })).toBeTruthy();
    expect(screen.queryByTestId('signed-in-user')).toBeNull();
    // Signing in again returns to the page the user signed out from.
    expect(location()).toBe(`/sign-in?next=${encodeURIComponent('/methodology')}`);
    expect(requests.some((r) => r.method === 'POST' && r.url === '/api/auth/logout')).toBe(true);
  });
});
