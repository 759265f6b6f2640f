import { readdirSync } from 'node:fs';
import { MEASURE_IDS } from './measure-definition.schema';
import { MEASURES, findMeasure, validateMeasureRegistry } from './measure-registry';

describe('measure registry', () => {
  it('holds every id of measures.md once, in the spec order', () => {
    expect(MEASURES.map((m) => m.id)).toEqual([...MEASURE_IDS]);
  });

  it('has one <id>.measure.ts file per measure, the id in kebab case', () => {
    const files = readdirSync(__dirname).filter((f) => f.endsWith('.measure.ts')).sort();
    expect(files).toEqual(MEASURE_IDS.map((id) => `${id.replace(/_/g, '-')}.measure.ts`).sort());
  });

  it('gives units, directions and breakdowns as the spec says', () => {
    expect(findMeasure('emergency_admissions')?.unit).toBe('per 1,000');
    expect(findMeasure('overdue_reviews')).toMatchObject({ unit: 'count', denominator: null, breakdowns: [] });
    expect(MEASURES.filter((m) => m.planSplit).map((m) => m.id)).toEqual([
      'activation',
      'diabetes_control',
      'depression_remission',
      'emergency_admissions',
    ]);
    // Plans, not patients, are the denominators of the process and review measures: no breakdowns.
    expect(MEASURES.filter((m) => m.breakdowns.length === 0).map((m) => m.id)).toEqual([
      'preparation',
      'plan_shared',
      'carer_involved',
      'review_completion',
      'overdue_reviews',
    ]);
  });

  it('gives follow-up days to plan_shared only: the one measure counting records dated after M', () => {
    // plan_shared counts shared_on up to 28 days after an agreed_on ≤ M. Every other measure counts records dated on
    // or before M: preparation's prepared_on precedes agreed_on, reviews and later plans of review_completion fall by the
    // due date (≤ M), overdue_reviews looks up to M, outcomes take the latest value in the window, states are at M.
    expect(MEASURES.filter((m) => m.followUpDays !== undefined).map((m) => [m.id, m.followUpDays])).toEqual([['plan_shared', 28]]);
  });

  it('rejects follow-up days that are not a whole number of days from 1 to 366', () => {
    for (const followUpDays of [0, -28, 1.5, 367, '28']) {
      expect(() => validateMeasureRegistry([{ ...MEASURES[0], followUpDays }, ...MEASURES.slice(1)])).toThrow(/^Invalid measure registry:\nmeasure #0 followUpDays: /);
    }
    expect(validateMeasureRegistry([{ ...MEASURES[0], followUpDays: 1 }, ...MEASURES.slice(1)])[0]?.followUpDays).toBe(1);
  });

  it('gives a denominator noun exactly to the measures with a denominator, and refuses one without the other', () => {
    expect(MEASURES.filter((m) => m.denominatorNoun === null).map((m) => m.id)).toEqual(['overdue_reviews']);
    expect(findMeasure('review_completion')?.denominatorNoun).toBe('plans due for review in the last 12 months');
    const overdue = MEASURES.findIndex((m) => m.id === 'overdue_reviews');
    const withNoun = MEASURES.map((m, i) => (i === overdue ? { ...m, denominatorNoun: 'plans' } : m));
    expect(() => validateMeasureRegistry(withNoun)).toThrow(`measure #${overdue} denominatorNoun: a measure has a denominator noun exactly when it has a denominator`);
    const withoutNoun = [{ ...MEASURES[0], denominatorNoun: null }, ...MEASURES.slice(1)];
    expect(() => validateMeasureRegistry(withoutNoun)).toThrow('measure #0 denominatorNoun: a measure has a denominator noun exactly when it has a denominator');
  });

  it('rejects a malformed registry naming every problem', () => {
    const broken = { ...MEASURES[0], unit: 'count', extra: 1 };
    expect(() => validateMeasureRegistry([broken, ...MEASURES.slice(2)])).toThrow(
      /measure #0 : Unrecognized key[\s\S]*measure multimorbidity is missing/,
    );
  });
});
