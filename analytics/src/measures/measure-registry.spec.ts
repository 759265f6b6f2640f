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

  it('words the rules the engine applies where a reader could not otherwise reproduce a figure', () => {
    // patient-state.sql.ts: diabetes_control's denominator is on_dm_register, with no condition on an HbA1c.
    expect(findMeasure('diabetes_control')).toMatchObject({
      description:
        'The share of people on the diabetes register whose latest HbA1c in the last 12 months is 58 mmol/mol or less. People with no HbA1c in the last 12 months count as not controlled.',
      denominator: 'Patients on the DM register at M, with or without an HBA1C in the window of m',
    });
    // plan-process.sql.ts: carer_involved is counted at coalesce(practice registered on agreed_on, plan's practice), as
    // preparation and plan_shared are.
    expect(findMeasure('carer_involved')?.denominator).toBe(
      'Plans agreed in the window of m with carer_involved recorded (true or false), counted at the practice where the patient was registered on agreed_on (else the practice that agreed the plan)',
    );
    // plan-process.sql.ts: reviewed_by_due (a review BETWEEN agreed_on AND due_on) OR next_agreed_on <= due_on, where
    // next_agreed_on is the patient's next plan day, strictly after agreed_on, at any practice; only plans whose
    // patient was registered on the due date, at that practice.
    expect(findMeasure('review_completion')).toMatchObject({
      description:
        'The share of plans due for review in the last 12 months that were reviewed on time: a review dated from agreed_on to the due date, or a later plan agreed on or before the due date.',
      numerator:
        'Of the plans in the denominator, those reviewed on time: a review of the plan dated from agreed_on to the due date, or a plan of the same patient agreed after agreed_on and on or before the due date (at any practice)',
    });
    // plan-process.sql.ts: overdue from the first month whose last day is after the due date until the month of the
    // first review or next plan day, in months on a register, at the practice of registration then (ON_REGISTER_MONTHS_SQL).
    expect(findMeasure('overdue_reviews')?.numerator).toBe(
      'Plans with due date before M, with no review dated on or before M and no plan of the same patient agreed after agreed_on and on or before M, whose patient is on the LTC register at M (counted at the practice where the patient is registered at M)',
    );
    // plan-process.sql.ts: date_diff('day', agreed_on, shared_on) BETWEEN 0 AND 28.
    expect(findMeasure('plan_shared')?.numerator).toBe('Plans agreed in the window of m with shared_on 0 to 28 days after agreed_on (0: the same day)');
    // patient-state.sql.ts: an emergency admission counts for the 12 months from its month in the state of the patient,
    // whose practice is the one of registration at M.
    expect(findMeasure('emergency_admissions')?.numerator).toBe(
      'Emergency admissions (emergency true) with admitted_on in the window of m, of patients on the LTC register at M, attributed to their practice at M wherever they were registered when admitted',
    );
  });

  it('rejects a malformed registry naming every problem', () => {
    const broken = { ...MEASURES[0], unit: 'count', extra: 1 };
    expect(() => validateMeasureRegistry([broken, ...MEASURES.slice(2)])).toThrow(
      /measure #0 : Unrecognized key[\s\S]*measure multimorbidity is missing/,
    );
  });
});
