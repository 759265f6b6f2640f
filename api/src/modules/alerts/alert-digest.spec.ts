import type { AlertItem } from '../../contract/alerts.contract';
import { composeDigest, formatValue, monthName } from './alert-digest';

const coverage: AlertItem = {
  practice: { code: 'B00002', name: 'Riverside Surgery', level: 'practice' },
  icbCode: 'QWE',
  measure: 'plan_coverage',
  title: 'Care plan coverage',
  unit: '%',
  month: '2026-10',
  rate: 41.24,
  benchmarkRate: 52.04,
  limit: 45.26,
  reasons: ['outside_limit_first_time', 'special_cause_deterioration'],
  spcRules: ['outside_limits', 'shift'],
};
const admissions: AlertItem = {
  ...coverage,
  practice: { code: 'B00007', name: 'Abbey Medical Centre', level: 'practice' },
  measure: 'emergency_admissions',
  title: 'Emergency admissions',
  unit: 'per 1,000',
  rate: 1234.56,
  reasons: ['special_cause_deterioration'],
  spcRules: ['trend'],
};

describe('composeDigest', () => {
  it('writes one email listing each practice’s alerts with the reasons in words', () => {
    const email = composeDigest({ email: 'ann@example.nhs.uk', name: 'Ann Commissioner' }, '2026-10', [coverage, admissions]);
    expect(email.to).toBe('ann@example.nhs.uk');
    expect(email.subject).toBe('PCSP Insights: 2 alerts for 2 practices, October 2026');
    expect(email.text).toBe(
      [
        'Dear Ann Commissioner,',
        '',
        'These 2 practices in your area need attention in October 2026:',
        '',
        'Riverside Surgery (B00002)',
        "  - Care plan coverage 41.2%: worse than the 99.8% limit (45.3%) around the ICB's 52.0% for the first time in 12 months; and special-cause deterioration: a month outside the process limits; 7 months in a row on the worse side of the average.",
        '',
        'Abbey Medical Centre (B00007)',
        '  - Emergency admissions 1,234.6 per 1,000: special-cause deterioration: 7 months in a row getting worse.',
        '',
        'You get this email each week while practices in your area have alerts. To stop it, untick',
        '"Email me the weekly alerts" on the overview page of PCSP Insights.',
        '',
      ].join('\n'),
    );
  });

  it('speaks of one practice and one alert in the singular', () => {
    const email = composeDigest({ email: 'p@example.nhs.uk', name: 'Pat' }, '2026-01', [{ ...coverage, month: '2026-01', reasons: ['outside_limit_first_time'], spcRules: [], limit: null, benchmarkRate: null }]);
    expect(email.subject).toBe('PCSP Insights: 1 alert for 1 practice, January 2026');
    expect(email.text).toContain('This practice in your area needs attention in January 2026:');
    expect(email.text).toContain('  - Care plan coverage 41.2%: worse than the 99.8% limit for the first time in 12 months.');
  });

  it('names the month of an alert judged before the digest’s month, whose figure is provisional', () => {
    // plan_shared's October 2026 is provisional in a snapshot as of 7 November 2026 (31 Oct + 28 days = 28 Nov ≥ 7 Nov),
    // so its alert is about September, the latest final month; the other alerts are about October.
    const shared: AlertItem = { ...coverage, measure: 'plan_shared', title: 'Plan shared with the person', month: '2026-09', rate: 10, reasons: ['outside_limit_first_time'], spcRules: [], limit: 69.28, benchmarkRate: 86.15 };
    const email = composeDigest({ email: 'ann@example.nhs.uk', name: 'Ann' }, '2026-10', [coverage, shared]);
    expect(email.text.split('\n').slice(4, 7)).toEqual([
      'Riverside Surgery (B00002)',
      "  - Care plan coverage 41.2%: worse than the 99.8% limit (45.3%) around the ICB's 52.0% for the first time in 12 months; and special-cause deterioration: a month outside the process limits; 7 months in a row on the worse side of the average.",
      "  - Plan shared with the person 10.0% in September 2026 (October 2026's figures can still rise): worse than the 99.8% limit (69.3%) around the ICB's 86.2% for the first time in 12 months.",
    ]);
    expect(email.subject).toBe('PCSP Insights: 2 alerts for 1 practice, October 2026');
  });

  it('formats values and months as the dashboard does', () => {
    expect(formatValue(7, '%')).toBe('7.0%');
    expect(formatValue(12, 'count')).toBe('12.0');
    expect(monthName('2027-03')).toBe('March 2027');
  });
});
