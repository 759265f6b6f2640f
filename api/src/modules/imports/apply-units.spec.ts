import { applyUnits } from './apply-units';
import { EXTRACT_FILES, extractFileSpecs, type ExtractFileName } from './extract-files';

const specs = extractFileSpecs('2026-01-31');
/** The units of these files (in the contract's order), each as its files' names. */
const unitsOf = (files: readonly ExtractFileName[], together: ExtractFileName[][] = []) =>
  applyUnits(
    EXTRACT_FILES.filter((file) => files.includes(file)).map((file) => specs[file]),
    together,
  ).map((unit) => unit.map(({ spec }) => spec.file));

describe('applyUnits: which files are applied in one transaction, and in what order', () => {
  it('a flat extract: every file alone, in the contract order', () => {
    expect(unitsOf(EXTRACT_FILES)).toEqual(EXTRACT_FILES.map((file) => [file]));
  });

  it("a FHIR export of one NDJSON file a type: Patient's two files together, the plans with what reviews and adjustments link them to", () => {
    // Patient.ndjson: patients, registrations. CarePlan.ndjson: care_plans, care_plan_reviews (a plan replacing another);
    // Procedure.ndjson: reviews, adjustments; Observation.ndjson: observations, adjustments; Encounter.ndjson: admissions, reviews.
    const files: ExtractFileName[] = ['practices.csv', 'patients.csv', 'registrations.csv', 'conditions.csv', 'care_plans.csv', 'care_plan_reviews.csv', 'care_plan_adjustments.csv', 'observations.csv', 'admissions.csv'];
    const together: ExtractFileName[][] = [
      ['patients.csv', 'registrations.csv'],
      ['care_plans.csv', 'care_plan_reviews.csv'],
      ['care_plan_reviews.csv', 'care_plan_adjustments.csv'],
      ['observations.csv', 'care_plan_adjustments.csv'],
      ['admissions.csv', 'care_plan_reviews.csv'],
    ];
    expect(unitsOf(files, together)).toEqual([
      ['practices.csv'],
      ['patients.csv', 'registrations.csv'],
      ['conditions.csv'],
      ['care_plans.csv', 'care_plan_reviews.csv', 'care_plan_adjustments.csv', 'observations.csv', 'admissions.csv'],
    ]);
  });

  it('a file between files applied together comes after them when it reads rows of theirs', () => {
    // bundle.json: Patients and CarePlans; Condition.ndjson: conditions, which need the patients.
    expect(unitsOf(['practices.csv', 'patients.csv', 'registrations.csv', 'conditions.csv', 'care_plans.csv'], [['patients.csv', 'registrations.csv', 'care_plans.csv']])).toEqual([
      ['practices.csv'],
      ['patients.csv', 'registrations.csv', 'care_plans.csv'],
      ['conditions.csv'],
    ]);
  });

  it('sets that read rows of each other are one unit, each keeping its group', () => {
    // bundle.json: practices and conditions (which need the patients); Patient.ndjson: patients and registrations (which
    // need the practices). Observation.ndjson: observations alone, after the patients' unit.
    const units = applyUnits(
      (['practices.csv', 'patients.csv', 'registrations.csv', 'conditions.csv', 'observations.csv'] as const).map((file) => specs[file]),
      [
        ['practices.csv', 'conditions.csv'],
        ['patients.csv', 'registrations.csv'],
      ],
    );
    // Groups are numbered by their first file's place in the plan: practices.csv 0, patients.csv 1, observations.csv 4.
    expect(units.map((unit) => unit.map(({ spec, group }) => [spec.file, group]))).toEqual([
      [
        ['practices.csv', 0],
        ['patients.csv', 1],
        ['registrations.csv', 1],
        ['conditions.csv', 0],
      ],
      [['observations.csv', 4]],
    ]);
  });

  it('a set naming files the import does not hold is kept to those it holds', () => {
    expect(unitsOf(['patients.csv', 'conditions.csv'], [['patients.csv', 'registrations.csv']])).toEqual([['patients.csv'], ['conditions.csv']]);
  });
});
