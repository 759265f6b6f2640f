import '../test/polyfills';
import { screen, waitFor } from '@testing-library/react';
import type { ReactElement } from 'react';
import { SNAPSHOT_MONTHS, standardApi } from '../test/api-fixtures';
import { installFakeApi, renderAt } from '../test/render-app';
import { canonicalOrgCode } from './org-code';
import { useMonthParam, useSearchParam } from './use-search-param';

function AreaProbe() {
  const [area] = useSearchParam('area', 'QWE', canonicalOrgCode);
  return <p data-testid="area">{area}</p>;
}

function MonthProbe() {
  const { month, ready, unavailable, latest } = useMonthParam();
  return <p data-testid="month">{JSON.stringify({ month, ready, unavailable, latest })}</p>;
}

const at = (url: string, element: ReactElement) => renderAt([{ path: '/', element }], url);

describe('useSearchParam', () => {
  it('gives a normalised value at once and replaces the URL’s spelling by it; a group’s code keeps its prefix', async () => {
    installFakeApi(standardApi());
    const { location } = at('/?area=%20j76455&month=2026-09', <AreaProbe />);
    expect(screen.getByTestId('area').textContent).toBe('J76455');
    await waitFor(() => expect(location()).toBe('/?area=J76455&month=2026-09'));
    await expect(Promise.resolve(canonicalOrgCode('GROUP:12'))).resolves.toBe('group:12');
  });

  it('leaves the URL alone where it has no value, giving the fallback', async () => {
    installFakeApi(standardApi());
    const { location } = at('/?month=2026-09', <AreaProbe />);
    expect(screen.getByTestId('area').textContent).toBe('QWE');
    await expect(Promise.resolve(location())).resolves.toBe('/?month=2026-09');
  });
});

describe('useMonthParam', () => {
  const state = () => JSON.parse(screen.getByTestId('month').textContent ?? '') as Record<string, unknown>;

  it('is not ready with a month in the URL until the snapshot’s months are known, then keeps a month they hold', async () => {
    installFakeApi(standardApi());
    at('/?month=2026-09', <MonthProbe />);
    expect(state()).toEqual({ month: '2026-09', ready: false });
    await waitFor(() => expect(state()).toEqual({ month: '2026-09', ready: true }));
  });

  it('falls back to the latest for a month they do not hold, naming it and the latest', async () => {
    // SNAPSHOT_MONTHS: 2026-10, 2026-09, 2026-08; 2026-07 is one month before the first.
    installFakeApi(standardApi());
    at('/?month=2026-07', <MonthProbe />);
    await waitFor(() => expect(state()).toEqual({ month: '', ready: true, unavailable: '2026-07', latest: SNAPSHOT_MONTHS.months[0] }));
  });

  it('is ready at once for the latest, and passes a month through where the snapshot has no months to check it against', async () => {
    installFakeApi(standardApi({ '/snapshot/months': { body: { months: [], provisional: [] } } }));
    at('/', <MonthProbe />);
    expect(state()).toEqual({ month: '', ready: true });
    at('/?month=2026-07', <MonthProbe />);
    await waitFor(() => expect(screen.getAllByTestId('month').map((p) => p.textContent)).toEqual([JSON.stringify({ month: '', ready: true }), JSON.stringify({ month: '2026-07', ready: true })]));
  });
});
