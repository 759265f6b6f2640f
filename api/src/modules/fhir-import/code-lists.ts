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

/** Loads and checks the repository's code lists (a register or observation code outside the contract is a build error, not an import error). */
export function loadFhirCodeLists(): FhirCodeLists {
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
