import { isProvisionalMonth, latestFinalMonth } from './provisional-month';

describe('isProvisionalMonth', () => {
  it('marks a month provisional while M + followUpDays is on or after the refresh date', () => {
    // As of 2026-12-07, F = 28: November's M is 30 Nov, + 28 days = 28 Dec ≥ 7 Dec → provisional;
    // October's M is 31 Oct, + 28 days = 28 Nov < 7 Dec → final.
    expect(isProvisionalMonth('2026-11', '2026-12-07', 28)).toBe(true);
    expect(isProvisionalMonth('2026-10', '2026-12-07', 28)).toBe(false);
  });

  it('counts the day of equality as provisional and the day after as final', () => {
    // 30 Nov + 28 = 28 Dec: a refresh on 28 Dec may still miss a plan agreed on 30 Nov and shared that day.
    expect(isProvisionalMonth('2026-11', '2026-12-28', 28)).toBe(true);
    expect(isProvisionalMonth('2026-11', '2026-12-29', 28)).toBe(false);
    // A 31-day month: 31 Jan 2026 + 28 = 28 Feb 2026.
    expect(isProvisionalMonth('2026-01', '2026-02-28', 28)).toBe(true);
    expect(isProvisionalMonth('2026-01', '2026-03-01', 28)).toBe(false);
  });

  it('takes February’s last day from the year: 29 February in a leap year', () => {
    // 2028 is a leap year: M = 29 Feb 2028, + 28 = 28 Mar 2028 (from 28 Feb it would be 27 Mar, and 28 Mar final).
    expect(isProvisionalMonth('2028-02', '2028-03-28', 28)).toBe(true);
    expect(isProvisionalMonth('2028-02', '2028-03-29', 28)).toBe(false);
    // 2027 is not: M = 28 Feb 2027, + 28 = 28 Mar 2027; + 29 would be 29 Mar.
    expect(isProvisionalMonth('2027-02', '2027-03-28', 28)).toBe(true);
    expect(isProvisionalMonth('2027-02', '2027-03-29', 28)).toBe(false);
    expect(isProvisionalMonth('2027-02', '2027-03-29', 29)).toBe(true);
  });

  it('never marks a measure without follow-up days, even the day after M', () => {
    expect(isProvisionalMonth('2026-11', '2026-12-01', undefined)).toBe(false);
  });

  it('rejects a malformed month or date', () => {
    expect(() => isProvisionalMonth('2026-13', '2026-12-07', 28)).toThrow('month must be YYYY-MM, got "2026-13"');
    expect(() => isProvisionalMonth('2026-11', '2026-02-30', 28)).toThrow('asOf must be a date YYYY-MM-DD, got "2026-02-30"');
    expect(() => isProvisionalMonth('2026-11', '2026-12-07', undefined)).not.toThrow();
    expect(() => isProvisionalMonth('2026-11', '7 Dec 2026', undefined)).toThrow('asOf must be a date YYYY-MM-DD, got "7 Dec 2026"');
  });
});

describe('latestFinalMonth', () => {
  it('steps back over the provisional months, across a year end', () => {
    expect(latestFinalMonth('2026-11', '2026-12-07', 28)).toBe('2026-10');
    expect(latestFinalMonth('2026-11', '2026-12-29', 28)).toBe('2026-11');
    expect(latestFinalMonth('2026-11', '2026-12-07', undefined)).toBe('2026-11');
    // As of 10 Feb 2027, F = 28: January (31 Jan + 28 = 28 Feb ≥ 10 Feb) is provisional, December (31 Dec + 28 = 28 Jan) final.
    expect(latestFinalMonth('2027-01', '2027-02-10', 28)).toBe('2026-12');
    // F = 60: 31 Dec + 60 = 1 Mar ≥ 10 Feb, provisional too; 30 Nov + 60 = 29 Jan < 10 Feb, final.
    expect(latestFinalMonth('2027-01', '2027-02-10', 60)).toBe('2026-11');
  });
});
