import { FLAT_EXTRACT_FILES, type FlatExtractFile } from '@pcsp/analytics';
import { ADJUSTMENT_REASONS, OBSERVATION_RANGES, REGISTER_CODES } from '../records/register-codes';
import {
  checkedAsIs,
  datePassesAsIs,
  daysIn,
  digitsPassAsIs,
  numberPassesAsIs,
  oneOfPassesAsIs,
  practiceCodePassesAsIs,
  textPassesAsIs,
  type PassesAsIs,
} from './byte-values';

/** The flat extract's files in the order they are applied (data contract §1): the generator's list, one source for both. */
export const EXTRACT_FILES = FLAT_EXTRACT_FILES;
export type ExtractFileName = FlatExtractFile;

export const isExtractFileName = (name: string): name is ExtractFileName => (EXTRACT_FILES as readonly string[]).includes(name);

/** A value rejected by a column check. */
export interface Rejection {
  rule: string;
}

/** COPY text-format NULL. */
export const COPY_NULL = '\\N';

export interface ColumnSpec {
  name: string;
  /** Type of the column in the staging table (the checked value is COPY-ready text for it). */
  sqlType: string;
  /** May be empty; such a column may also be left out of the header (every value empty). */
  optional: boolean;
  /** Checks a non-empty value; returns COPY text or the broken rule. */
  check(raw: string): string | Rejection;
  /** The same check over bytes: true when the value passes and is its own COPY text (see byte-values). */
  passesAsIs: PassesAsIs;
}

/** A column's check, as a string and over bytes. */
interface ValueRule {
  check(raw: string): string | Rejection;
  passesAsIs: PassesAsIs;
}

/** A date in the row that must come after (or on or after) another date of the same row. */
export interface DateOrderRule {
  column: string;
  after: string;
  orEqual: boolean;
}

export interface ExtractFileSpec {
  file: ExtractFileName;
  /** Carries exactly one of nhs_number or patient_id. */
  patientLevel: boolean;
  columns: ColumnSpec[];
  dateOrders: DateOrderRule[];
}

export const IDENTITY_COLUMNS = ['nhs_number', 'patient_id'] as const;
export type IdentityColumn = (typeof IDENTITY_COLUMNS)[number];

/** The number written by raw[start..end), or -1 if any of it is not a digit. */
const digits = (raw: string, start: number, end: number): number => {
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = raw.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
};
const MONTH = /^(\d{4})-(\d{2})$/;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function calendarProblem(year: number, month: number, day: number): string | undefined {
  if (year < 1) return 'is not a real date: there is no year 0000';
  if (month < 1 || month > 12) return `is not a real date: there is no month ${String(month).padStart(2, '0')}`;
  const days = daysIn(year, month);
  if (day < 1 || day > days) return `is not a real date: ${MONTH_NAMES[month - 1]} ${year} has ${days} days`;
  return undefined;
}

/** Checks of one column's values; `today` (YYYY-MM-DD) bounds the dates that must not be in the future. */
export class ValueChecks {
  constructor(readonly today: string) {}

  date(allowFuture = false): ValueRule {
    return { check: this.dateCheck(allowFuture), passesAsIs: datePassesAsIs(this.today, allowFuture) };
  }

  /** `YYYY-MM-DD`, or `YYYY-MM` meaning the 1st of the month (rewritten, so never its own COPY text). */
  dateOrMonth(): ValueRule {
    const asDate = this.dateCheck(false);
    return {
      check: (raw) => {
        if (MONTH.test(raw)) {
          const checked = asDate(`${raw}-01`);
          if (typeof checked === 'string') return checked;
          return { rule: checked.rule.replace('must be a date YYYY-MM-DD', 'must be a date YYYY-MM-DD or a month YYYY-MM') };
        }
        const checked = asDate(raw);
        return typeof checked !== 'string' && checked.rule === 'must be a date YYYY-MM-DD'
          ? { rule: 'must be a date YYYY-MM-DD or a month YYYY-MM' }
          : checked;
      },
      passesAsIs: datePassesAsIs(this.today, false),
    };
  }

  private dateCheck(allowFuture: boolean): (raw: string) => string | Rejection {
    return (raw) => {
      // Digit by digit rather than a regular expression: this runs for every date of every row.
      if (raw.length !== 10 || raw.charCodeAt(4) !== 45 || raw.charCodeAt(7) !== 45) return { rule: 'must be a date YYYY-MM-DD' };
      const year = digits(raw, 0, 4);
      const month = digits(raw, 5, 7);
      const day = digits(raw, 8, 10);
      if (year < 0 || month < 0 || day < 0) return { rule: 'must be a date YYYY-MM-DD' };
      const problem = month >= 1 && month <= 12 && day >= 1 && day <= 28 && year >= 1 ? undefined : calendarProblem(year, month, day);
      if (problem) return { rule: problem };
      if (!allowFuture && raw > this.today) return { rule: `must not be in the future (after ${this.today})` };
      return raw;
    };
  }
}

/** Without a byte form of its own, the string check is asked (columns no direct load reads often). */
const rule = (check: (raw: string) => string | Rejection, passesAsIs: PassesAsIs = checkedAsIs(check)): ValueRule => ({ check, passesAsIs });

const pattern = (regex: RegExp, broken: string, passesAsIs?: PassesAsIs): ValueRule =>
  rule((raw) => (regex.test(raw) ? raw : { rule: broken }), passesAsIs);

const oneOf = (values: readonly string[], broken: string): ValueRule => {
  const allowed = new Set(values);
  return rule((raw) => (allowed.has(raw) ? raw : { rule: broken }), oneOfPassesAsIs(values));
};

/** Free text as COPY text: backslash, tab and line breaks escaped. */
export function copyText(raw: string): string {
  return /[\\\t\n\r]/.test(raw)
    ? raw.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : raw;
}

/**
 * Longest free text (names, a training programme), in characters. The contract sets none; names and
 * programmes are a few dozen characters, and 500 keeps a key holding one (training's natural key
 * holds programme) under the 2,704 bytes a B-tree index entry may take, even at 4 bytes a character.
 */
export const TEXT_MAX_CHARACTERS = 500;

/** Whether text has more than `max` characters (code points: an emoji is one, not two UTF-16 units). */
const longerThan = (raw: string, max: number): boolean => {
  if (raw.length <= max) return false;
  if (raw.length > 2 * max) return true;
  let characters = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) characters++;
  }
  return characters > max;
};

const text = rule(
  (raw) => (longerThan(raw, TEXT_MAX_CHARACTERS) ? { rule: `longer than ${TEXT_MAX_CHARACTERS} characters` } : copyText(raw)),
  // A value of at most that many bytes has at most that many characters; a longer one is counted as a string.
  textPassesAsIs(TEXT_MAX_CHARACTERS),
);

const planId = rule((raw) => (raw.length <= 64 ? copyText(raw) : { rule: 'must be 1 to 64 characters' }), textPassesAsIs(64));

const plainNumber = /^-?[0-9]+(\.[0-9]+)?$/;
const number = pattern(plainNumber, 'must be a number, e.g. 48 or 7.5', numberPassesAsIs);

const staffTrained = rule((raw) =>
  /^[0-9]{1,10}$/.test(raw) && Number(raw) >= 1 && Number(raw) <= 2_147_483_647 ? raw : { rule: 'must be a whole number, 1 or more' },
);

const booleanValue = oneOf(['true', 'false'], 'must be true or false');

export const PRACTICE_CODE_RULE = 'must be a GP practice ODS code: a capital letter and 5 digits, e.g. A81001';
/** A GP practice ODS code, as the contract writes it. */
export const PRACTICE_CODE_PATTERN = /^[A-Z][0-9]{5}$/;
const practiceCode = pattern(PRACTICE_CODE_PATTERN, PRACTICE_CODE_RULE, practiceCodePassesAsIs);

const column = (name: string, sqlType: string, optional: boolean, value: ValueRule): ColumnSpec => ({
  name,
  sqlType,
  optional,
  check: value.check,
  passesAsIs: value.passesAsIs,
});

/** Every file of the contract: its columns, their checks and the date orders within a row. */
export function extractFileSpecs(today: string): Record<ExtractFileName, ExtractFileSpec> {
  const checks = new ValueChecks(today);
  const pastDate = checks.date();
  return {
    'practices.csv': {
      file: 'practices.csv',
      patientLevel: false,
      columns: [
        column('practice_code', 'text', false, practiceCode),
        column('practice_name', 'text', false, text),
        column('pcn_code', 'text', false, pattern(/^U[0-9]{5}$/, 'must be a Primary Care Network code: U and 5 digits, e.g. U12345')),
        column('pcn_name', 'text', true, text),
        column('sub_icb_code', 'text', false, pattern(/^[0-9A-Z]{3}$/, 'must be a sub-ICB location code: 3 digits or capitals, e.g. 00L')),
        column('sub_icb_name', 'text', true, text),
        column('icb_code', 'text', false, pattern(/^Q[0-9A-Z]{2}$/, 'must be an ICB code: Q and 2 digits or capitals, e.g. QHM')),
        column('icb_name', 'text', true, text),
        column('region_code', 'text', false, pattern(/^Y[0-9]{2}$/, 'must be an NHS England region code: Y and 2 digits, e.g. Y63')),
        column('region_name', 'text', true, text),
      ],
      dateOrders: [],
    },
    'patients.csv': {
      file: 'patients.csv',
      patientLevel: true,
      columns: [
        column('birth_date', 'date', false, checks.dateOrMonth()),
        column('sex', 'text', false, oneOf(['F', 'M', 'I', 'U'], 'must be F, M, I (indeterminate) or U (unknown)')),
        column(
          'ethnic_group',
          'text',
          false,
          oneOf(['white', 'mixed', 'asian', 'black', 'other', 'unknown'], 'must be white, mixed, asian, black, other or unknown'),
        ),
        column('imd_quintile', 'smallint', true, oneOf(['1', '2', '3', '4', '5'], 'must be a whole number from 1 to 5, or empty')),
        column('died_on', 'date', true, pastDate),
      ],
      dateOrders: [{ column: 'died_on', after: 'birth_date', orEqual: true }],
    },
    'registrations.csv': {
      file: 'registrations.csv',
      patientLevel: true,
      columns: [
        column('practice_code', 'text', false, practiceCode),
        column('registered_on', 'date', false, pastDate),
        column('deregistered_on', 'date', true, pastDate),
      ],
      dateOrders: [{ column: 'deregistered_on', after: 'registered_on', orEqual: false }],
    },
    'conditions.csv': {
      file: 'conditions.csv',
      patientLevel: true,
      columns: [
        column('condition', 'text', false, oneOf(REGISTER_CODES, `must be a register code: ${REGISTER_CODES.join(', ')}`)),
        column('snomed_code', 'text', true, pattern(/^[0-9]{6,18}$/, 'must be a SNOMED CT concept id: 6 to 18 digits', digitsPassAsIs(6, 18))),
        column('diagnosed_on', 'date', false, pastDate),
        column('resolved_on', 'date', true, pastDate),
      ],
      dateOrders: [{ column: 'resolved_on', after: 'diagnosed_on', orEqual: true }],
    },
    'care_plans.csv': {
      file: 'care_plans.csv',
      patientLevel: true,
      columns: [
        column('plan_id', 'text', false, planId),
        column('practice_code', 'text', false, practiceCode),
        column('agreed_on', 'date', false, pastDate),
        column('review_due_on', 'date', true, checks.date(true)),
        column('prepared_on', 'date', true, pastDate),
        column('shared_on', 'date', true, pastDate),
        column('carer_involved', 'boolean', true, booleanValue),
      ],
      dateOrders: [{ column: 'review_due_on', after: 'agreed_on', orEqual: false }],
    },
    'care_plan_reviews.csv': {
      file: 'care_plan_reviews.csv',
      patientLevel: false,
      columns: [
        column('plan_id', 'text', false, planId),
        column('reviewed_on', 'date', false, pastDate),
      ],
      dateOrders: [],
    },
    'care_plan_adjustments.csv': {
      file: 'care_plan_adjustments.csv',
      patientLevel: true,
      columns: [
        column('recorded_on', 'date', false, pastDate),
        column('reason', 'text', false, oneOf(ADJUSTMENT_REASONS, `must be ${ADJUSTMENT_REASONS.slice(0, -1).join(', ')} or ${ADJUSTMENT_REASONS.at(-1)}`)),
      ],
      dateOrders: [],
    },
    'observations.csv': {
      file: 'observations.csv',
      patientLevel: true,
      columns: [
        column('code', 'text', false, oneOf(Object.keys(OBSERVATION_RANGES), 'must be PAM_LEVEL, HBA1C, PHQ9 or SBP')),
        column('value', 'numeric', false, number),
        column('observed_on', 'date', false, pastDate),
      ],
      dateOrders: [],
    },
    'admissions.csv': {
      file: 'admissions.csv',
      patientLevel: true,
      columns: [
        column('admitted_on', 'date', false, pastDate),
        column('emergency', 'boolean', false, booleanValue),
      ],
      dateOrders: [],
    },
    'training.csv': {
      file: 'training.csv',
      patientLevel: false,
      columns: [
        column('practice_code', 'text', false, practiceCode),
        column('trained_on', 'date', false, pastDate),
        column('programme', 'text', false, text),
        column('staff_trained', 'integer', false, staffTrained),
      ],
      dateOrders: [],
    },
  };
}

/** The observation value's range rule for its code, or undefined when the value is within it. */
export function observationRangeProblem(code: string, value: string): string | undefined {
  const range = OBSERVATION_RANGES[code as keyof typeof OBSERVATION_RANGES];
  if (!range) return undefined;
  const n = Number(value);
  return n >= range.min && n <= range.max ? undefined : `must be from ${range.min} to ${range.max} for ${code}`;
}

const OBSERVATION_CODE_BYTES = Object.entries(OBSERVATION_RANGES).map(([code, range]) => ({ code: Buffer.from(code, 'latin1'), range }));

/**
 * Whether observationRangeProblem finds one, for a code and a value that passed their checks as they
 * are (see byte-values): a whole number of up to 15 digits is read here, exactly; anything else as
 * observationRangeProblem reads it.
 */
export function observationOutOfRangeAt(data: Buffer, codeStart: number, codeEnd: number, valueStart: number, valueEnd: number): boolean {
  const known = OBSERVATION_CODE_BYTES.find(({ code }) => code.length === codeEnd - codeStart && data.compare(code, 0, code.length, codeStart, codeEnd) === 0);
  if (!known) return false;
  const { min, max } = known.range;
  if (valueEnd - valueStart <= 15 && data[valueStart] !== 45) {
    let value = 0;
    let at = valueStart;
    for (; at < valueEnd && data[at] !== 46; at++) value = value * 10 + data[at] - 48;
    if (at === valueEnd) return !(value >= min && value <= max);
  }
  const n = Number(data.toString('latin1', valueStart, valueEnd));
  return !(n >= min && n <= max);
}
