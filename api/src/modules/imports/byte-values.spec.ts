import { mulberry32 } from '../../../../analytics/src/engine/testing/seeded-random';
import { patientIdPassesAsIs } from './byte-values';
import { extractFileSpecs } from './extract-files';
import { checkPatientId } from './patient-identity';

const specs = extractFileSpecs('2026-01-31');
const columns = Object.values(specs).flatMap((spec) => spec.columns.map((column) => ({ file: spec.file, column })));

/** The bytes of a value inside a longer buffer, as a row gives them. */
const framed = (raw: string): [Buffer, number, number] => {
  const bytes = Buffer.from(`x,${raw},y`, 'utf8');
  return [bytes, 2, bytes.length - 2];
};

describe('value checks over bytes', () => {
  it('pass a value as it is only when its string check gives it back unchanged, for random and near-miss values of every column', () => {
    const pieces = ['0', '1', '2', '9', '-', '.', '2024-02-29', '2026-01-31', '2026-02-01', '2023-02-29', '1900-02-29', '2000-02-29',
      '2024-04-31', '0000-01-01', '1962-03', 'A81001', 'a81001', 'CHD', 'true', 'false', 'F', 'white', 'PAM_LEVEL', '\\', '\t', ' ', 'é', 'Z', '_'];
    let passed = 0;
    for (let seed = 1; seed <= 4000; seed++) {
      const next = mulberry32(seed);
      const count = 1 + Math.floor(next() * 3);
      let raw = '';
      for (let i = 0; i < count; i++) raw += next() < 0.3 ? String.fromCharCode(32 + Math.floor(next() * 95)) : pieces[Math.floor(next() * pieces.length)];
      for (const { file, column } of columns) {
        const asIs = column.passesAsIs(...framed(raw));
        if (asIs && column.check(raw) !== raw) throw new Error(`${file} ${column.name}: ${JSON.stringify(raw)} passed as it is, but its check gives ${JSON.stringify(column.check(raw))}`);
        if (asIs) passed++;
      }
    }
    expect(passed).toBeGreaterThan(1000);
  });

  it('pass the values extracts are made of, so that their rows need no strings', () => {
    const cases: [keyof typeof specs, string, string[]][] = [
      ['patients.csv', 'birth_date', ['1962-03-15', '2024-02-29', '2026-01-31']],
      ['patients.csv', 'sex', ['F', 'M', 'I', 'U']],
      ['patients.csv', 'imd_quintile', ['1', '5']],
      ['registrations.csv', 'practice_code', ['A81001', 'Z99999']],
      ['conditions.csv', 'condition', ['AF', 'STIA', 'COPD']],
      ['conditions.csv', 'snomed_code', ['123456', '123456789012345678']],
      ['care_plans.csv', 'plan_id', ['CP0000000144', 'x'.repeat(64), 'plan, with spaces']],
      ['care_plans.csv', 'review_due_on', ['2030-06-30']],
      ['care_plans.csv', 'carer_involved', ['true', 'false']],
      ['observations.csv', 'value', ['48', '7.5', '-1', '0.25']],
      ['care_plan_adjustments.csv', 'reason', ['declined', 'service_unavailable']],
    ];
    for (const [file, name, values] of cases) {
      const column = specs[file].columns.find((c) => c.name === name);
      expect([file, name, values.map((value) => column?.passesAsIs(...framed(value)))]).toEqual([file, name, values.map(() => true)]);
    }
    const refused: [keyof typeof specs, string, string[]][] = [
      ['patients.csv', 'birth_date', ['1962-03', '2026-02-01', '2023-02-29', '2024-13-01', '2024-1-01', '0000-01-01']],
      ['care_plans.csv', 'plan_id', ['x'.repeat(65), 'tab\there', 'back\\slash']],
      ['observations.csv', 'value', ['', '-', '1.', '.5', '1e3', '+1']],
      ['conditions.csv', 'snomed_code', ['12345', '1234567890123456789', '12345a']],
    ];
    for (const [file, name, values] of refused) {
      const column = specs[file].columns.find((c) => c.name === name);
      expect([file, name, values.map((value) => column?.passesAsIs(...framed(value)))]).toEqual([file, name, values.map(() => false)]);
    }
  });

  it('pass an upstream pseudonym exactly when its string check does', () => {
    for (const raw of ['P00000001', 'a_b-C9', 'x'.repeat(64), 'x'.repeat(65), '', 'has space', 'é', 'a,b', 'a.b']) {
      expect([raw, patientIdPassesAsIs(...framed(raw))]).toEqual([raw, 'pseudonym' in checkPatientId(raw)]);
    }
  });
});
