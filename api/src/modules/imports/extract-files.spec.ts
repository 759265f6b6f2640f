import { TEXT_MAX_CHARACTERS, ValueChecks, copyText, extractFileSpecs, observationOutOfRangeAt, observationRangeProblem } from './extract-files';

describe('value checks', () => {
  const checks = new ValueChecks('2026-01-31');

  it('accepts real dates up to today and names what is wrong with the others', () => {
    const date = checks.date().check;
    expect(date('2024-02-29')).toBe('2024-02-29');
    expect(date('2026-01-31')).toBe('2026-01-31');
    expect(date('2023-02-29')).toEqual({ rule: 'is not a real date: February 2023 has 28 days' });
    expect(date('1900-02-29')).toEqual({ rule: 'is not a real date: February 1900 has 28 days' });
    expect(date('2000-02-30')).toEqual({ rule: 'is not a real date: February 2000 has 29 days' });
    expect(date('2024-04-31')).toEqual({ rule: 'is not a real date: April 2024 has 30 days' });
    expect(date('2024-00-10')).toEqual({ rule: 'is not a real date: there is no month 00' });
    expect(date('0000-01-01')).toEqual({ rule: 'is not a real date: there is no year 0000' });
    expect(date('2026-02-01')).toEqual({ rule: 'must not be in the future (after 2026-01-31)' });
    expect(date('2024-1-01')).toEqual({ rule: 'must be a date YYYY-MM-DD' });
    expect(checks.date(true).check('2030-06-30')).toBe('2030-06-30');
  });

  it('reads a birth month as its first day', () => {
    const birth = checks.dateOrMonth().check;
    expect(birth('1962-03')).toBe('1962-03-01');
    expect(birth('1962-03-15')).toBe('1962-03-15');
    expect(birth('1962-13')).toEqual({ rule: 'is not a real date: there is no month 13' });
    expect(birth('2026-02')).toEqual({ rule: 'must not be in the future (after 2026-01-31)' });
    expect(birth('March 1962')).toEqual({ rule: 'must be a date YYYY-MM-DD or a month YYYY-MM' });
  });

  it('keeps observation values within their code\'s range', () => {
    expect(observationRangeProblem('PAM_LEVEL', '4')).toBeUndefined();
    expect(observationRangeProblem('PAM_LEVEL', '4.5')).toBe('must be from 1 to 4 for PAM_LEVEL');
    expect(observationRangeProblem('HBA1C', '19.9')).toBe('must be from 20 to 200 for HBA1C');
    expect(observationRangeProblem('SBP', '300')).toBeUndefined();
  });

  it('finds the same observation values out of range over bytes as over strings', () => {
    const values = ['0', '-0', '1', '4', '4.5', '3.999', '19.9', '20', '200', '200.0', '200.01', '27', '27.0001', '300', '301', '-1', '0.0', '1234567890123456', '007'];
    for (const code of ['PAM_LEVEL', 'HBA1C', 'PHQ9', 'SBP']) {
      for (const value of values) {
        const bytes = Buffer.from(`${code},${value}`, 'latin1');
        expect([code, value, observationOutOfRangeAt(bytes, 0, code.length, code.length + 1, bytes.length)]).toEqual([code, value, observationRangeProblem(code, value) !== undefined]);
      }
    }
  });

  it('escapes text for COPY', () => {
    expect(copyText('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyText('plain, text')).toBe('plain, text');
  });

  it('refuses free text of more than 500 characters, counting characters, not bytes or UTF-16 units', () => {
    const programme = extractFileSpecs('2026-01-31')['training.csv'].columns.find((c) => c.name === 'programme');
    if (!programme) throw new Error('no programme column');
    const asIs = (value: string) => {
      const bytes = Buffer.from(value, 'utf8');
      return programme.passesAsIs(bytes, 0, bytes.length);
    };
    const tooLong = { rule: 'longer than 500 characters' };
    // 'é' is 2 bytes in UTF-8 and one UTF-16 unit; '𝄞' is 4 bytes and two UTF-16 units: 500 of either is 500 characters.
    expect(TEXT_MAX_CHARACTERS).toBe(500);
    expect([programme.check('a'.repeat(500)), programme.check('a'.repeat(501))]).toEqual(['a'.repeat(500), tooLong]);
    expect([programme.check('é'.repeat(500)), programme.check('é'.repeat(501))]).toEqual(['é'.repeat(500), tooLong]);
    expect([programme.check('𝄞'.repeat(500)), programme.check(`${'𝄞'.repeat(500)}a`)]).toEqual(['𝄞'.repeat(500), tooLong]);
    expect(programme.check('x'.repeat(5_000_000))).toEqual(tooLong);
    // Over bytes: 500 bytes pass as they are; more go to the string check, which decides.
    expect([asIs('a'.repeat(500)), asIs('a'.repeat(501)), asIs('é'.repeat(300))]).toEqual([true, false, false]);
    const practiceName = extractFileSpecs('2026-01-31')['practices.csv'].columns.find((c) => c.name === 'practice_name');
    expect(practiceName?.check('b'.repeat(501))).toEqual(tooLong);
  });

  it('lists the contract\'s columns of every file', () => {
    const specs = extractFileSpecs('2026-01-31');
    expect(Object.values(specs).map((spec) => [spec.file, spec.patientLevel, spec.columns.map((c) => `${c.name}${c.optional ? '?' : ''}`).join(' ')])).toEqual([
      ['practices.csv', false, 'practice_code practice_name pcn_code pcn_name? sub_icb_code sub_icb_name? icb_code icb_name? region_code region_name?'],
      ['patients.csv', true, 'birth_date sex ethnic_group imd_quintile? died_on?'],
      ['registrations.csv', true, 'practice_code registered_on deregistered_on?'],
      ['conditions.csv', true, 'condition snomed_code? diagnosed_on resolved_on?'],
      ['care_plans.csv', true, 'plan_id practice_code agreed_on review_due_on? prepared_on? shared_on? carer_involved?'],
      ['care_plan_reviews.csv', false, 'plan_id reviewed_on'],
      ['care_plan_adjustments.csv', true, 'recorded_on reason'],
      ['observations.csv', true, 'code value observed_on'],
      ['admissions.csv', true, 'admitted_on emergency'],
      ['training.csv', false, 'practice_code trained_on programme staff_trained'],
    ]);
  });
});
