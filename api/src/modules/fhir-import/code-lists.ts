import { REGISTER_CODES } from '../records/register-codes';
import carePlanningCodes from './code-lists/care-planning-codes.json';
import conditionRegisters from './code-lists/condition-registers.json';
import ethnicCategories from './code-lists/ethnic-categories.json';
import observationCodes from './code-lists/observation-codes.json';

export const SNOMED_CT = 'http://snomed.info/sct';

export type CarePlanningMeaning = 'plan_agreed' | 'plan_review' | 'declined' | 'summary_sent';
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
  carePlanning: Map<string, CarePlanningMeaning>;
  observations: Map<string, ObservationCodeEntry>;
  ethnicCategories: Map<string, string>;
  ethnicCategoryExtension: string;
}

export const codeKey = (system: string | undefined, code: string | undefined): string => `${system ?? ''}|${code ?? ''}`;

/** Loads and checks the repository's code lists (a register or observation code outside the contract is a build error, not an import error). */
export function loadFhirCodeLists(): FhirCodeLists {
  const registers = new Map<string, string>();
  for (const entry of conditionRegisters.codes) {
    if (!(REGISTER_CODES as readonly string[]).includes(entry.register)) throw new Error(`condition-registers.json: ${entry.code} maps to ${entry.register}, not a register`);
    registers.set(codeKey(conditionRegisters.system, entry.code), entry.register);
  }
  const carePlanning = new Map<string, CarePlanningMeaning>();
  for (const entry of carePlanningCodes.codes) carePlanning.set(codeKey(carePlanningCodes.system, entry.code), entry.meaning as CarePlanningMeaning);
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
