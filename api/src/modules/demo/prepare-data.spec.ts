import { validatePopulationOptions } from '@pcsp/analytics';
import { demoPeriods } from './prepare-data';

describe('demoPeriods', () => {
  it('shows DEMO_YEARS to last month, generated a year longer so that two years of records come before', () => {
    const today = new Date('2026-12-07T08:00:00Z');
    const { shown, generated } = demoPeriods(5, today);
    // Last month 2026-11; five years back to 2021-12; generated from 2020-12, whose records the generator begins a
    // year earlier still, at 2019-12-01: 24 months before the first month shown.
    expect(shown).toEqual({ from: '2021-12', to: '2026-11' });
    expect(generated).toEqual({ from: '2020-12', to: '2026-11' });
    expect(validatePopulationOptions({ practices: 40, patients: 300_000, ...generated, seed: 1 }).horizon).toBe('2019-12-01');
  });

  it('crosses a year boundary in January', () => {
    expect(demoPeriods(2, new Date('2027-01-15T00:00:00Z'))).toEqual({
      shown: { from: '2025-01', to: '2026-12' },
      generated: { from: '2024-01', to: '2026-12' },
    });
  });
});
