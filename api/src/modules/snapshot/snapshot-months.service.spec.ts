import { MEASURES } from '@pcsp/analytics';
import { snapshotMonths } from './snapshot-months.service';

describe('snapshotMonths', () => {
  it('lists the months newest first and marks plan_shared’s latest provisional, with the registry', () => {
    // As of 2026-11-23 plan_shared (28 days) is provisional in 2026-10 (31 Oct + 28 = 28 Nov ≥ 23 Nov), final in 2026-09
    // (30 Sep + 28 = 28 Oct < 23 Nov); no other measure of the registry has follow-up days.
    expect(snapshotMonths({ firstMonth: '2026-08', lastMonth: '2026-10', asOf: '2026-11-23' }, MEASURES)).toEqual({
      months: ['2026-10', '2026-09', '2026-08'],
      provisional: [{ month: '2026-10', measures: ['plan_shared'] }],
    });
  });

  it('names every measure a month is provisional for, in the order given, across a year’s end', () => {
    // As of 2027-01-20 (2027-01 has not ended: provisional for both): plan_shared (28 days) 31 Dec + 28 = 28 Jan ≥ 20 Jan,
    // 30 Nov + 28 = 28 Dec < 20 Jan; activation (given 60) 31 Dec + 60 = 1 Mar and 30 Nov + 60 = 29 Jan ≥ 20 Jan,
    // 31 Oct + 60 = 30 Dec < 20 Jan; preparation has none.
    const measures = [
      { id: 'plan_shared', followUpDays: 28 },
      { id: 'activation', followUpDays: 60 },
      { id: 'preparation', followUpDays: undefined },
    ] as const;
    expect(snapshotMonths({ firstMonth: '2026-10', lastMonth: '2027-01', asOf: '2027-01-20' }, measures)).toEqual({
      months: ['2027-01', '2026-12', '2026-11', '2026-10'],
      provisional: [
        { month: '2027-01', measures: ['plan_shared', 'activation'] },
        { month: '2026-12', measures: ['plan_shared', 'activation'] },
        { month: '2026-11', measures: ['activation'] },
      ],
    });
  });

  it('answers no months while no snapshot is serving', () => {
    expect(snapshotMonths(undefined, MEASURES)).toEqual({ months: [], provisional: [] });
  });
});
