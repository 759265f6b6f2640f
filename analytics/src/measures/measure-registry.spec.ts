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

  it('rejects a malformed registry naming every problem', () => {
    const broken = { ...MEASURES[0], unit: 'count', extra: 1 };
    expect(() => validateMeasureRegistry([broken, ...MEASURES.slice(2)])).toThrow(
      /measure #0 : Unrecognized key[\s\S]*measure multimorbidity is missing/,
    );
  });
});
