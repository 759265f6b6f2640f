import { addMonths, formatBreakdownValue, formatChange, formatCount, formatInterval, formatMonth, formatMonthMarked, formatPeriod, formatRate, intervalText } from './format';

describe('format', () => {
  it('names the ends of the IMD quintiles and leaves other breakdown values as the API labels them', () => {
    expect(formatBreakdownValue({ breakdown: 'imd_quintile=1', label: '1' })).toBe('1 (most deprived)');
    expect(formatBreakdownValue({ breakdown: 'imd_quintile=3', label: '3' })).toBe('3');
    expect(formatBreakdownValue({ breakdown: 'imd_quintile=5', label: '5' })).toBe('5 (least deprived)');
    expect(formatBreakdownValue({ breakdown: 'ltc_count=1', label: '1' })).toBe('1');
    // Codes in words, as the data contract names them.
    expect(formatBreakdownValue({ breakdown: 'imd_quintile=unknown', label: 'unknown' })).toBe('Unknown');
    expect(formatBreakdownValue({ breakdown: 'sex=F', label: 'F' })).toBe('Female');
    expect(formatBreakdownValue({ breakdown: 'sex=I', label: 'I' })).toBe('Indeterminate');
    expect(formatBreakdownValue({ breakdown: 'ethnic_group=asian', label: 'asian' })).toBe('Asian');
    expect(formatBreakdownValue({ breakdown: 'register=DM', label: 'DM' })).toBe('Diabetes (DM)');
    expect(formatBreakdownValue({ breakdown: 'register=STIA', label: 'STIA' })).toBe('Stroke or TIA (STIA)');
    expect(formatBreakdownValue({ breakdown: 'plan=without', label: 'without' })).toBe('Without a plan');
    expect(formatBreakdownValue({ breakdown: 'age_band=80+', label: '80+' })).toBe('80+');
  });

  it('shows hidden values as suppressed, never 0', () => {
    expect(formatCount(null, true)).toBe('suppressed');
    expect(formatRate(null, '%', true)).toBe('suppressed');
    expect(formatRate(null, '%', false)).toBe('no data');
    expect(formatCount(0)).toBe('0');
  });

  it('formats rates in their unit', () => {
    expect(formatRate(45.25, '%')).toBe('45.3%'); // 45.25 rounds half away to 45.3 in Intl (half-expand)
    expect(formatRate(123.44, 'per 1,000')).toBe('123.4 per 1,000');
    expect(formatRate(12345, 'count')).toBe('12,345');
    expect(formatInterval(41.2, 47.94, '%')).toBe('41.2% to 47.9%');
  });

  it('marks a provisional month in tables', () => {
    expect(formatMonthMarked('2026-11', true)).toBe('November 2026 (provisional)');
    expect(formatMonthMarked('2026-11', false)).toBe('November 2026');
    expect(formatMonthMarked('2026-11', undefined)).toBe('November 2026');
  });

  it('says why a rate has no interval: no rate at all, or more admissions than people', () => {
    expect(intervalText(157.9, 81.5, 275.6, 'per 1,000')).toBe('81.5 per 1,000 to 275.6 per 1,000');
    // 9 admissions among 5 people: 1,800 per 1,000, and no Wilson interval (of a proportion).
    expect(intervalText(1800, null, null, 'per 1,000')).toBe('none (more admissions than people)');
    expect(intervalText(null, null, null, 'per 1,000')).toBe('no data');
  });

  it('signs changes with a true minus', () => {
    expect(formatChange(2.34, '%')).toBe('+2.3 percentage points');
    expect(formatChange(-1, 'per 1,000')).toBe('−1.0 per 1,000');
    expect(formatChange(-12, 'count')).toBe('−12');
  });

  it('names a period of months, its year once where it has one', () => {
    expect(formatPeriod('2026-10', '2026-10')).toBe('October 2026');
    expect(formatPeriod('2026-08', '2026-10')).toBe('August to October 2026');
    expect(formatPeriod('2025-11', '2026-01')).toBe('November 2025 to January 2026');
  });

  it('names months and steps across years', () => {
    expect(formatMonth('2026-10')).toBe('October 2026');
    expect(addMonths('2026-02', -3)).toBe('2025-11');
    expect(addMonths('2025-11', 14)).toBe('2027-01');
  });
});
