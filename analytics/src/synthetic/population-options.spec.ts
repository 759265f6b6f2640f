import { demoPopulationOptions } from './generate-to-directory';
import { hierarchyCounts, validatePopulationOptions } from './population-options';

describe('hierarchyCounts', () => {
  it('gives England its real counts at 6,300 practices', () => {
    expect(hierarchyCounts(6300)).toEqual({ practices: 6300, pcns: 1250, subIcbs: 106, icbs: 42, regions: 7 });
  });

  it('gives the demo size 8 PCNs, 4 sub-ICBs, 2 ICBs and 1 region', () => {
    expect(hierarchyCounts(40)).toEqual({ practices: 40, pcns: 8, subIcbs: 4, icbs: 2, regions: 1 });
  });

  it('scales in between on the power law through both points', () => {
    // pcns: 8·(630/40)^(ln(1250/8)/ln(157.5)) = 8·15.75^0.99862 = 125.1 → 125
    // sub-ICBs: 4·15.75^(ln 26.5/ln 157.5 = 0.64772) = 4·5.967 = 23.9 → 24
    // ICBs: 2·15.75^(ln 21/ln 157.5 = 0.60174) = 2·5.251 = 10.5 → 11 (10.50 rounds up)
    // regions: 15.75^(ln 7/ln 157.5 = 0.38461) = 2.887 → 3
    expect(hierarchyCounts(630)).toEqual({ practices: 630, pcns: 125, subIcbs: 24, icbs: 11, regions: 3 });
  });

  it('never has more units than the level below, nor more regions and ICBs than England', () => {
    expect(hierarchyCounts(1)).toEqual({ practices: 1, pcns: 1, subIcbs: 1, icbs: 1, regions: 1 });
    expect(hierarchyCounts(3)).toEqual({ practices: 3, pcns: 1, subIcbs: 1, icbs: 1, regions: 1 });
    expect(hierarchyCounts(20000)).toMatchObject({ subIcbs: 106, icbs: 42, regions: 7 });
  });
});

describe('validatePopulationOptions', () => {
  it('spans from the first day of from to the last day of to, with a year of history before', () => {
    // 2020-11-01 to 2026-10-31 is 2,190 days (six years of 365 days plus 29 February 2024, less one day);
    // ceil(2190 / 365.25) = 6 yearly slots, plus one for the phase offset = 7
    expect(validatePopulationOptions({ practices: 40, patients: 300_000, from: '2021-11', to: '2026-10', seed: 1 })).toEqual({
      from: '2021-11-01',
      end: '2026-10-31',
      horizon: '2020-11-01',
      slots: 7,
    });
    expect(validatePopulationOptions({ practices: 1, patients: 1, from: '2024-02', to: '2024-02', seed: 1 }).end).toBe('2024-02-29');
  });

  it('names every problem at once', () => {
    expect(() =>
      validatePopulationOptions({ practices: 0, patients: 10.5, from: '2024-13', to: '2023-01', seed: 1.5, dirty: 0.9 }),
    ).toThrow(
      'Invalid population options: practices must be a whole number from 1 to 100,000, got 0; ' +
        'patients must be a whole number from 1 to 200,000,000, got 10.5; seed must be a whole number, got 1.5; ' +
        'dirty must be a fraction from 0 to 0.5, got 0.9; from must be a month YYYY-MM, got "2024-13"',
    );
    expect(() => validatePopulationOptions({ practices: 10, patients: 5, from: '2024-01', to: '2023-12', seed: 1 })).toThrow(
      'Invalid population options: patients (5) must be at least practices (10); from (2024-01) must not be after to (2023-12)',
    );
  });
});

describe('demoPopulationOptions', () => {
  it('is 40 practices and 300,000 patients over the five years to last month', () => {
    expect(demoPopulationOptions(new Date('2026-11-23T10:00:00Z'))).toEqual({
      practices: 40,
      patients: 300_000,
      from: '2021-11',
      to: '2026-10',
      seed: 20_240_401,
    });
    expect(demoPopulationOptions(new Date('2027-01-05T00:00:00Z'))).toMatchObject({ from: '2022-01', to: '2026-12' });
  });
});
