import { DEFAULT_DISCLOSURE_POLICY, discloseCell, discloseCount, discloseShare, discloseStrata, roundToNearest } from './disclosure';

describe('discloseCount', () => {
  it.each([
    [0, 0], // zero is not a small number: shown as 0
    [8, 10], // nearest 5: 8 is 3 from 5 and 2 from 10
    [12, 10],
    [13, 15],
    [15, 15],
    [1002, 1000],
  ])('shows %i as %i', (count, shown) => {
    expect(discloseCount(count)).toEqual({ suppressed: false, value: shown });
  });

  it.each([1, 2, 7])('suppresses %i', (count) => {
    expect(discloseCount(count)).toEqual({ suppressed: true, value: null });
  });

  it('is on by default with 8 and 5, and can be switched off', () => {
    expect(DEFAULT_DISCLOSURE_POLICY).toEqual({ enabled: true, suppressBelow: 8, roundTo: 5 });
    expect(discloseCount(3, { enabled: false, suppressBelow: 8, roundTo: 5 })).toEqual({ suppressed: false, value: 3 });
    expect(discloseCount(9, { enabled: true, suppressBelow: 10, roundTo: 10 })).toEqual({ suppressed: true, value: null });
  });

  it('rounds exact halves upward (possible only with an even roundTo)', () => {
    expect(roundToNearest(15, 10)).toBe(20);
    expect(roundToNearest(14, 10)).toBe(10);
    expect(roundToNearest(22, 5)).toBe(20);
    expect(roundToNearest(23, 5)).toBe(25);
  });

  it('refuses counts that are not whole numbers ≥ 0', () => {
    expect(() => discloseCount(-1)).toThrow(RangeError);
    expect(() => discloseCount(2.5)).toThrow(RangeError);
  });
});

describe('discloseCell', () => {
  it('computes a breakdown rate from the rounded counts', () => {
    // 12/43 → 10/45 = 0.2222…, not 12/43 = 0.279
    const cell = discloseCell({ numerator: 12, denominator: 43 }, true);
    expect(cell.numerator).toEqual({ suppressed: false, value: 10 });
    expect(cell.denominator).toEqual({ suppressed: false, value: 45 });
    expect(cell.rate?.suppressed).toBe(false);
    expect(cell.rate?.value).toBeCloseTo(10 / 45, 15);
  });

  it('hides the rate when the numerator is suppressed', () => {
    const cell = discloseCell({ numerator: 5, denominator: 200 }, true);
    expect(cell).toEqual({
      numerator: { suppressed: true, value: null },
      denominator: { suppressed: false, value: 200 },
      rate: { suppressed: true, value: null },
    });
  });

  it('hides the rate when the denominator is suppressed, and shows a 0 numerator as 0', () => {
    const cell = discloseCell({ numerator: 0, denominator: 7 }, true);
    expect(cell.numerator).toEqual({ suppressed: false, value: 0 });
    expect(cell.rate).toEqual({ suppressed: true, value: null });
  });

  it('leaves whole-organisation totals unrounded', () => {
    const cell = discloseCell({ numerator: 3, denominator: 13 }, false);
    expect(cell.numerator).toEqual({ suppressed: false, value: 3 });
    expect(cell.denominator).toEqual({ suppressed: false, value: 13 });
    expect(cell.rate?.value).toBeCloseTo(3 / 13, 15);
  });

  it('handles a count measure, a zero denominator and a rate per 1,000', () => {
    expect(discloseCell({ numerator: 6, denominator: null }, true)).toEqual({
      numerator: { suppressed: true, value: null },
      denominator: null,
      rate: null,
    });
    expect(discloseCell({ numerator: 0, denominator: 0 }, true).rate).toBeNull();
    // 23 admissions among 118 people → 25 / 120 × 1000 = 208.333…
    expect(discloseCell({ numerator: 23, denominator: 118 }, true, DEFAULT_DISCLOSURE_POLICY, 1000).rate?.value).toBeCloseTo(
      208.33333333333334,
      10,
    );
  });

  it('gives a share of an unrounded total in whole percent, and exactly with the policy off', () => {
    // 713 of an ICB's 1,001 people: 71.2%… would give 713 back; 71% covers 706 to 716.
    expect(discloseShare(713 / 1001)).toBe(0.71);
    expect(discloseShare(4 / 1001)).toBe(0);
    expect(discloseShare(713 / 1001, { ...DEFAULT_DISCLOSURE_POLICY, enabled: false })).toBe(713 / 1001);
  });
});

describe('discloseStrata', () => {
  const rows = [
    // stratum | plan | events | people | standard
    { stratum: 'F|65-79|1', plan: true, events: 16, people: 22, standard: 71 },
    { stratum: 'F|65-79|1', plan: false, events: 0, people: 13, standard: 71 },
    { stratum: 'M|65-79|1', plan: true, events: 9, people: 12, standard: 33 },
    { stratum: 'M|65-79|1', plan: false, events: 3, people: 18, standard: 33 }, // 3 events: suppressed
    { stratum: 'M|80+|2', plan: true, events: 8, people: 8, standard: 6 }, // a standard of 6: suppressed
    { stratum: 'M|80+|2', plan: false, events: 10, people: 11, standard: 6 },
  ];

  it('rounds every count to the nearest 5 and leaves out, in both groups, each stratum with a suppressed count', () => {
    // F: 16 → 15, 22 → 20, 0 stays 0, 13 → 15, 71 → 70. M|65-79|1 goes (3 events without a plan), M|80+|2 (standard 6).
    expect(discloseStrata(rows)).toEqual([
      { stratum: 'F|65-79|1', plan: true, events: 15, people: 20, standard: 70 },
      { stratum: 'F|65-79|1', plan: false, events: 0, people: 15, standard: 70 },
    ]);
  });

  it('uses the strata as they are when the policy is off', () => {
    expect(discloseStrata(rows, { ...DEFAULT_DISCLOSURE_POLICY, enabled: false })).toEqual(rows);
  });
});
