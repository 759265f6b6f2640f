import { provisionalMonthNote, provisionalNote } from './provisional';

describe('provisional notes', () => {
  it('words the legend’s note from the measure’s follow-up days, and has none without them', () => {
    expect(provisionalNote({ id: 'plan_shared', followUpDays: 28 })).toBe(
      'Provisional: plans agreed in a month’s last 28 days may not yet be recorded as shared, so figures may rise at the next refresh',
    );
    expect(provisionalNote({ id: 'plan_shared', followUpDays: 14 })).toBe(
      'Provisional: plans agreed in a month’s last 14 days may not yet be recorded as shared, so figures may rise at the next refresh',
    );
    expect(provisionalNote({ id: 'preparation', followUpDays: 7 })).toBe(
      'Provisional: records dated up to 7 days after a month’s end may not yet be in, so figures may rise at the next refresh',
    );
    expect(provisionalNote({ id: 'plan_coverage' })).toBeNull();
  });

  it('says the same of one month, in the measure’s words', () => {
    expect(provisionalMonthNote({ id: 'plan_shared', followUpDays: 28 }, '2026-10')).toBe(
      'October 2026 is provisional: plans agreed in its last 28 days may not yet be recorded as shared, so figures may rise at the next refresh',
    );
    expect(provisionalMonthNote({ id: 'activation', followUpDays: 14 }, '2026-09')).toBe(
      'September 2026 is provisional: records dated up to 14 days after its end may not yet be in, so figures may rise at the next refresh',
    );
    expect(provisionalMonthNote({ id: 'plan_coverage', followUpDays: undefined }, '2026-10')).toBeNull();
  });
});
