import { createHmac } from 'node:crypto';
import { NhsNumberPseudonymiser, checkPatientId, hasValidCheckDigit, maskIdentifier } from './patient-identity';

const KEY = 'k'.repeat(32);

describe('NHS numbers', () => {
  it('checks the Modulus 11 digit', () => {
    // 9 4 3 4 7 6 5 9 1 weighted 10..2: 90+36+24+28+42+30+20+27+2 = 299; 299 mod 11 = 2; 11 - 2 = 9 = last digit
    expect(hasValidCheckDigit('9434765919')).toBe(true);
    expect(hasValidCheckDigit('9434765918')).toBe(false);
    // 9 9 9 1 2 3 4 5 0: 90+81+72+7+12+15+16+15+0 = 308 = 28 * 11, remainder 0, 11 - 0 = 11 means check digit 0
    expect(hasValidCheckDigit('9991234500')).toBe(true);
    // 0 0 0 0 0 0 0 1 0: the 1 weighs 3; 3 mod 11 = 3; 11 - 3 = 8 = last digit
    expect(hasValidCheckDigit('0000000108')).toBe(true);
  });

  it('rejects a stem whose check digit would be 10', () => {
    // stem 0 0 0 0 0 0 0 0 6: the 6 weighs 2; 12 mod 11 = 1; 11 - 1 = 10, which no digit can be
    expect(hasValidCheckDigit('0000000060')).toBe(false);
    expect(hasValidCheckDigit('0000000061')).toBe(false);
  });

  it('gives the same pseudonym when a number is asked again, after the memory of pseudonyms is emptied, and with another key a different one', () => {
    const pseudonymiser = new NhsNumberPseudonymiser(KEY);
    const expected = createHmac('sha256', KEY).update('9434765919').digest('hex');
    expect(pseudonymiser.pseudonymise('9434765919')).toEqual({ pseudonym: expected });
    // remembered under its ten digits, so the spaced form is the same patient
    expect(pseudonymiser.pseudonymise('943 476 5919')).toEqual({ pseudonym: expected });
    // 5,000 other valid numbers (stems from 000100000 on, each with the digit hasValidCheckDigit accepts) fill the memory past 4,096 and empty it
    let asked = 0;
    for (let stem = 100_000; asked < 5000; stem++) {
      const nine = String(stem).padStart(9, '0');
      const digits = [...'0123456789'].map((d) => nine + d).find(hasValidCheckDigit);
      if (!digits) continue;
      expect(pseudonymiser.pseudonymise(digits)).toEqual({ pseudonym: createHmac('sha256', KEY).update(digits).digest('hex') });
      asked++;
    }
    expect(pseudonymiser.pseudonymise('9434765919')).toEqual({ pseudonym: expected });
    const other = new NhsNumberPseudonymiser('o'.repeat(32)).pseudonymise('9434765919');
    expect(other).toEqual({ pseudonym: createHmac('sha256', 'o'.repeat(32)).update('9434765919').digest('hex') });
    expect(other).not.toEqual({ pseudonym: expected });
    // a bad check digit is still refused after its valid neighbour was remembered
    expect(pseudonymiser.pseudonymise('9434765918')).toEqual({ rule: 'is not a valid NHS number: the Modulus 11 check digit does not match' });
  });

  it('pseudonymises with HMAC-SHA-256 of the ten digits, spaces removed', () => {
    const pseudonymiser = new NhsNumberPseudonymiser(KEY);
    const expected = createHmac('sha256', KEY).update('9434765919').digest('hex');
    expect(pseudonymiser.pseudonymise('943 476 5919')).toEqual({ pseudonym: expected });
    expect(pseudonymiser.pseudonymise('9434765919')).toEqual({ pseudonym: expected });
    expect(pseudonymiser.pseudonymise('9434765918')).toEqual({ rule: 'is not a valid NHS number: the Modulus 11 check digit does not match' });
    expect(pseudonymiser.pseudonymise('94347659')).toEqual({ rule: 'must be an NHS number: 10 digits (spaces allowed)' });
    expect(pseudonymiser.pseudonymise('943-476-5919')).toEqual({ rule: 'must be an NHS number: 10 digits (spaces allowed)' });
  });

  it('refuses a short key', () => {
    expect(() => new NhsNumberPseudonymiser('short')).toThrow('the pseudonymisation key must be at least 32 characters');
  });
});

describe('patient identifiers in messages', () => {
  it('shows the first 3 characters of a long identifier, 1 of a short one, none of a tiny one', () => {
    expect(maskIdentifier('9434765919')).toBe('943*******');
    expect(maskIdentifier('943 476 5919')).toBe('943 *** ****');
    expect(maskIdentifier('PAT-01')).toBe('P*****');
    expect(maskIdentifier('P1')).toBe('**');
  });

  it('accepts upstream patient_ids of 1 to 64 safe characters', () => {
    expect(checkPatientId('A-b_9')).toEqual({ pseudonym: 'A-b_9' });
    expect(checkPatientId('x'.repeat(64))).toEqual({ pseudonym: 'x'.repeat(64) });
    expect(checkPatientId('x'.repeat(65))).toEqual({ rule: 'must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -' });
    expect(checkPatientId('a b')).toEqual({ rule: 'must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -' });
  });
});
