import { SESSION } from '../test/render-app';
import { PRACTICE_LEAD } from '../test/practice-api';
import { maySeeBreakdownsOf, ownPracticeOf } from './user-access';

describe('user access', () => {
  it('names a practice lead’s own practice, and none for other roles', () => {
    expect(ownPracticeOf(PRACTICE_LEAD)).toBe('A00001');
    // A commissioner of QWE: their area is an ICB, not a practice of their own.
    expect(ownPracticeOf(SESSION)).toBeNull();
    expect(ownPracticeOf({ ...SESSION, user: { ...SESSION.user, role: 'network', areas: ['PCN01'] } })).toBeNull();
  });

  it('lets a practice lead break down their own practice only', () => {
    expect(maySeeBreakdownsOf(PRACTICE_LEAD, 'A00001')).toBe(true);
    expect(maySeeBreakdownsOf(PRACTICE_LEAD, 'PCN01')).toBe(false);
    expect(maySeeBreakdownsOf(PRACTICE_LEAD, 'B00002')).toBe(false);
    expect(maySeeBreakdownsOf(SESSION, 'B00002')).toBe(true);
  });
});
