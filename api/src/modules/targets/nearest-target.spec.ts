import { nearestTargets } from './nearest-target';

// A practice under PCN U1, sub-ICB 00L, ICB QHM, region Y63 and England (ancestors nearest first).
const PRACTICE = { code: 'A81001', ancestors: ['U1', '00L', 'QHM', 'Y63', 'ENG'] };
const target = (measure: string, orgCode: string) => ({ measure, orgCode });

describe('nearestTargets', () => {
  it('takes the area’s own target over any above it, whatever order they are stored in', () => {
    const own = target('plan_coverage', 'A81001');
    expect(nearestTargets(PRACTICE, [target('plan_coverage', 'ENG'), target('plan_coverage', 'QHM'), own]).get('plan_coverage')).toBe(own);
  });

  it('otherwise takes the nearest ancestor’s: the ICB’s before the region’s and England’s, the sub-ICB’s before the ICB’s', () => {
    const icb = target('plan_coverage', 'QHM');
    const subIcb = target('review_completion', '00L');
    const found = nearestTargets(PRACTICE, [target('plan_coverage', 'ENG'), icb, target('plan_coverage', 'Y63'), target('review_completion', 'QHM'), subIcb]);
    expect([...found.entries()]).toEqual([
      ['plan_coverage', icb],
      ['review_completion', subIcb],
    ]);
  });

  it('falls back to England’s, ignores areas that are not above the organisation, and has nothing when none applies', () => {
    const england = target('plan_coverage', 'ENG');
    // QMJ is another ICB and A81002 a sibling practice: neither is on A81001's chain.
    expect([...nearestTargets(PRACTICE, [target('plan_coverage', 'QMJ'), england, target('plan_coverage', 'A81002')])]).toEqual([['plan_coverage', england]]);
    expect(nearestTargets(PRACTICE, [target('plan_coverage', 'QMJ'), target('activation', 'A81002')]).size).toBe(0);
    // England itself has no ancestors: only its own target applies.
    expect([...nearestTargets({ code: 'ENG', ancestors: [] }, [target('plan_coverage', 'QHM'), england])]).toEqual([['plan_coverage', england]]);
  });
});
