import { ADJUSTMENT_REASONS, REGISTER_CODES } from '../records/register-codes';
import carePlanningCodes from './code-lists/care-planning-codes.json';
import conditionRegisters from './code-lists/condition-registers.json';
import ethnicCategories from './code-lists/ethnic-categories.json';
import observationCodes from './code-lists/observation-codes.json';

export const SNOMED_CT = 'http://snomed.info/sct';

const CARE_PLANNING_MEANINGS = ['plan_agreed', 'plan_review', 'adjustment', 'summary_sent'] as const;
export type CarePlanningMeaning = (typeof CARE_PLANNING_MEANINGS)[number];
export type AdjustmentReason = (typeof ADJUSTMENT_REASONS)[number];

/** A care-planning code: what it records, and for a personalised care adjustment its reason (the contract's). */
export interface CarePlanningCode {
  meaning: CarePlanningMeaning;
  reason?: AdjustmentReason;
}
export type ObservationCode = 'PAM_LEVEL' | 'HBA1C' | 'PHQ9' | 'SBP';

export interface ObservationCodeEntry {
  observation: ObservationCode;
  /** UCUM codes accepted; '' stands for a value given without a unit. */
  units: readonly string[];
  convert?: 'dcct_percent_to_ifcc';
}

/** The code lists of code-lists/*.json, indexed by `system|code`. */
export interface FhirCodeLists {
  registers: Map<string, string>;
  carePlanning: Map<string, CarePlanningCode>;
  observations: Map<string, ObservationCodeEntry>;
  ethnicCategories: Map<string, string>;
  ethnicCategoryExtension: string;
}

export const codeKey = (system: string | undefined, code: string | undefined): string => `${system ?? ''}|${code ?? ''}`;

/** care-planning-codes.json as read: a reason only on adjustment codes. */
export interface CarePlanningCodeList {
  system: string;
  codes: readonly { code: string; meaning: string; reason?: string }[];
}

/**
 * The care-planning codes by `system|code`. A meaning the importer does not know, an adjustment
 * without one of the contract's reasons, or a reason on any other code is an error of the list
 * (found when the lists load, not as an import error).
 */
export function carePlanningCodesFrom(list: CarePlanningCodeList): Map<string, CarePlanningCode> {
  const codes = new Map<string, CarePlanningCode>();
  for (const entry of list.codes) {
    if (!(CARE_PLANNING_MEANINGS as readonly string[]).includes(entry.meaning)) {
      throw new Error(`care-planning-codes.json: ${entry.code} has meaning ${entry.meaning}; the meanings are ${CARE_PLANNING_MEANINGS.join(', ')}`);
    }
    const meaning = entry.meaning as CarePlanningMeaning;
    if (meaning === 'adjustment' && !(ADJUSTMENT_REASONS as readonly (string | undefined)[]).includes(entry.reason)) {
      throw new Error(`care-planning-codes.json: adjustment ${entry.code} needs a reason of ${ADJUSTMENT_REASONS.join(', ')}, not ${entry.reason ?? 'none'}`);
    }
    if (meaning !== 'adjustment' && entry.reason !== undefined) throw new Error(`care-planning-codes.json: ${entry.code} is not an adjustment but has a reason`);
    codes.set(codeKey(list.system, entry.code), meaning === 'adjustment' ? { meaning, reason: entry.reason as AdjustmentReason } : { meaning });
  }
  return codes;
}

// Verhoeff's dihedral check digit, which every SNOMED CT identifier ends in: d is the multiplication table of the
// dihedral group D5, PERMUTATIONS[i] the permutation (1 5 7 6 2 8 3 0 9 4) applied i times to a digit i places from the right.
const DIHEDRAL = ['0123456789', '1234067895', '2340178956', '3401289567', '4012395678', '5987604321', '6598710432', '7659821043', '8765932104', '9876543210'].map((row) => [...row].map(Number));
const PERMUTATIONS: number[][] = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]];
for (let i = 1; i < 8; i++) PERMUTATIONS.push(PERMUTATIONS[i - 1].map((n) => [1, 5, 7, 6, 2, 8, 3, 0, 9, 4][n]));

/** True when the digits end in a valid Verhoeff check digit. */
export function hasVerhoeffCheckDigit(digits: string): boolean {
  let check = 0;
  for (let i = 0; i < digits.length; i++) check = DIHEDRAL[check][PERMUTATIONS[i % 8][Number(digits[digits.length - 1 - i])]];
  return check === 0;
}

/**
 * True for a well-formed SNOMED CT concept id: 6 to 18 digits, no leading zero, partition `00` (international) or
 * `10` (an extension's, such as the UK edition's `…1000000…` ids), Verhoeff check digit. This catches a mistyped
 * code in a list; whether the concept means what the list says still needs the SNOMED CT browser.
 */
export function isSnomedConceptId(id: string): boolean {
  return /^[1-9][0-9]{5,17}$/.test(id) && ['00', '10'].includes(id.slice(-3, -1)) && hasVerhoeffCheckDigit(id);
}

export function checkSnomedCodes(list: string, codes: readonly { system?: string; code: string }[], system?: string): void {
  for (const entry of codes) {
    if ((entry.system ?? system) === SNOMED_CT && !isSnomedConceptId(entry.code)) {
      throw new Error(`${list}: ${entry.code} is not a SNOMED CT concept id (6 to 18 digits, partition 00 or 10, Verhoeff check digit): a mistyped code?`);
    }
  }
}

/** Loads and checks the repository's code lists (a register or observation code outside the contract is a build error, not an import error). */
export function loadFhirCodeLists(): FhirCodeLists {
  checkSnomedCodes('condition-registers.json', conditionRegisters.codes, conditionRegisters.system);
  checkSnomedCodes('care-planning-codes.json', carePlanningCodes.codes, carePlanningCodes.system);
  checkSnomedCodes('observation-codes.json', observationCodes.codes);
  const registers = new Map<string, string>();
  for (const entry of conditionRegisters.codes) {
    if (!(REGISTER_CODES as readonly string[]).includes(entry.register)) throw new Error(`condition-registers.json: ${entry.code} maps to ${entry.register}, not a register`);
    registers.set(codeKey(conditionRegisters.system, entry.code), entry.register);
  }
  const carePlanning = carePlanningCodesFrom(carePlanningCodes);
  const observations = new Map<string, ObservationCodeEntry>();
  for (const entry of observationCodes.codes) {
    observations.set(codeKey(entry.system, entry.code), {
      observation: entry.observation as ObservationCode,
      units: entry.units,
      convert: 'convert' in entry ? (entry.convert as 'dcct_percent_to_ifcc') : undefined,
    });
  }
  return {
    registers,
    carePlanning,
    observations,
    ethnicCategories: new Map(Object.entries(ethnicCategories.codes)),
    ethnicCategoryExtension: ethnicCategories.extension,
  };
}
