import { createHmac } from 'node:crypto';

const TEN_DIGITS = /^[0-9]{10}$/;
const PATIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** True when the last of ten digits is the NHS number's Modulus 11 check digit (weights 10 down to 2). */
export function hasValidCheckDigit(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === digits.charCodeAt(9) - 48;
}

export type IdentityResult = { pseudonym: string } | { rule: string };

export const NHS_NUMBER_FORMAT_RULE = 'must be an NHS number: 10 digits (spaces allowed)';
export const NHS_NUMBER_CHECK_RULE = 'is not a valid NHS number: the Modulus 11 check digit does not match';
export const PATIENT_ID_RULE = 'must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -';

/**
 * Pseudonyms remembered per pseudonymiser: extracts are sorted by patient, so a patient's rows come
 * together and most HMACs (a few microseconds each, the largest cost of reading an NHS-number file)
 * are asked again at once. Bounded: the memory is emptied when it holds this many.
 */
const REMEMBERED_PSEUDONYMS = 4096;

/** Makes keyed pseudonyms of NHS numbers; the key never leaves this object (nor the numbers: they stay in memory only). */
export class NhsNumberPseudonymiser {
  readonly #key: string;
  readonly #remembered = new Map<string, string>();

  constructor(key: string) {
    if (key.length < 32) throw new Error('the pseudonymisation key must be at least 32 characters');
    this.#key = key;
  }

  /** Spaces removed, 10 digits, Modulus 11, then HMAC-SHA-256 (hex) with the deployment's key. */
  pseudonymise(raw: string): IdentityResult {
    const digits = raw.includes(' ') ? raw.replaceAll(' ', '') : raw;
    if (!TEN_DIGITS.test(digits)) return { rule: NHS_NUMBER_FORMAT_RULE };
    if (!hasValidCheckDigit(digits)) return { rule: NHS_NUMBER_CHECK_RULE };
    let pseudonym = this.#remembered.get(digits);
    if (pseudonym === undefined) {
      pseudonym = createHmac('sha256', this.#key).update(digits).digest('hex');
      if (this.#remembered.size >= REMEMBERED_PSEUDONYMS) this.#remembered.clear();
      this.#remembered.set(digits, pseudonym);
    }
    return { pseudonym };
  }
}

/** An upstream pseudonym is stored as given once its form is checked. */
export function checkPatientId(raw: string): IdentityResult {
  return PATIENT_ID.test(raw) ? { pseudonym: raw } : { rule: PATIENT_ID_RULE };
}

/**
 * How a patient identifier appears in a message: the first 3 characters of a long value, the
 * first of a short one, the rest as `*` (spaces kept), e.g. `943*******` or `943 *** ****`.
 */
export function maskIdentifier(raw: string): string {
  const compact = raw.replaceAll(' ', '').length;
  const shown = compact >= 8 ? 3 : compact >= 4 ? 1 : 0;
  let seen = 0;
  let out = '';
  for (const char of raw) {
    if (char === ' ') out += ' ';
    else out += seen++ < shown ? char : '*';
  }
  return out;
}
