/** QOF-style long-term condition register codes accepted in conditions.csv (data contract §1). */
export const REGISTER_CODES = [
  'AF', 'AST', 'CAN', 'CHD', 'CKD', 'COPD', 'DEM', 'DEP', 'DM',
  'EP', 'HF', 'HYP', 'LD', 'MH', 'OST', 'PAD', 'RA', 'STIA',
] as const;
export type RegisterCode = (typeof REGISTER_CODES)[number];

export const OBSERVATION_RANGES = {
  PAM_LEVEL: { min: 1, max: 4 },
  HBA1C: { min: 20, max: 200 },
  PHQ9: { min: 0, max: 27 },
  SBP: { min: 50, max: 300 },
} as const;
export type ObservationCode = keyof typeof OBSERVATION_RANGES;

export const ADJUSTMENT_REASONS = ['declined', 'unsuitable', 'no_response', 'service_unavailable'] as const;

/** SQL list literal, e.g. ('AF', 'AST'), for check constraints. */
export const sqlList = (values: readonly string[]): string => `(${values.map((v) => `'${v}'`).join(', ')})`;
