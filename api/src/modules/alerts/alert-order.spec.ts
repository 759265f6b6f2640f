import type { AlertItem } from '../../contract/alerts.contract';
import { byPractice, byUrgency } from './alerts.service';

const at = (code: string, name: string, measure: AlertItem['measure'], reasons: AlertItem['reasons']): AlertItem => ({
  practice: { code, name, level: 'practice' },
  icbCode: 'QWE',
  measure,
  title: measure,
  unit: '%',
  month: '2026-10',
  rate: 10,
  benchmarkRate: 50,
  limit: 40,
  reasons,
  spcRules: reasons.includes('special_cause_deterioration') ? ['shift'] : [],
});

// Names chosen so that name order and urgency order disagree: Abbey has only deterioration, Zion has both reasons.
const abbeyDeteriorating = at('B00001', 'Abbey Surgery', 'plan_coverage', ['special_cause_deterioration']);
const abbeyNew = at('B00001', 'Abbey Surgery', 'review_completion', ['outside_limit_first_time']);
const hillNew = at('B00003', 'Hill Surgery', 'plan_coverage', ['outside_limit_first_time']);
const hillNewOtherCode = at('B00002', 'Hill Surgery', 'plan_coverage', ['outside_limit_first_time']);
const zionBoth = at('B00009', 'Zion Practice', 'plan_coverage', ['outside_limit_first_time', 'special_cause_deterioration']);
const all = [abbeyDeteriorating, hillNew, zionBoth, abbeyNew, hillNewOtherCode];

describe('alert order', () => {
  it('lists both reasons first, then newly beyond the limit, then deterioration only; by name, code and measure within each', () => {
    expect([...all].sort(byUrgency)).toEqual([zionBoth, abbeyNew, hillNewOtherCode, hillNew, abbeyDeteriorating]);
  });

  it('orders the digest by practice name, code and measure alone', () => {
    expect([...all].sort(byPractice)).toEqual([abbeyDeteriorating, abbeyNew, hillNewOtherCode, hillNew, zionBoth]);
  });
});
