/**
 * How each LTC register is drawn. The chance that a person is on a register is
 * logistic(alpha + beta·(age − 60)/10 + loading·frailty + female + deprivation·(3 − IMD quintile)),
 * zero below minAge; frailty is one standard normal per person shared by all registers, which is
 * what makes conditions cluster (multimorbidity). The age at diagnosis is drawn from the same curve
 * (P(onset ≤ a) = p(a)/p(age)) where it rises with age, so age-specific prevalence stays steady
 * over the period; flat registers start early in life. The alphas are tuned so that about 30% of the
 * registered population is on at least one register, near the QOF prevalences of England
 * (HYP ~14%, DEP ~13% of adults, AST ~6.5%, DM ~7.5%, CKD ~4%, CHD ~3%, AF ~2%, COPD ~2%).
 */
export interface RegisterModel {
  code: string;
  alpha: number;
  beta: number;
  minAge: number;
  loading: number;
  female: number;
  deprivation: number;
  /** Chance that the condition is recorded as resolved some time after diagnosis. */
  resolveChance: number;
  /** SNOMED CT concept ids seen for the register, one picked at random when a code is given. */
  snomed: readonly string[];
}

export const REGISTER_MODELS: readonly RegisterModel[] = [
  { code: 'AF', alpha: -4.0, beta: 1.05, minAge: 30, loading: 0.5, female: -0.3, deprivation: 0, resolveChance: 0.01, snomed: ['49436004'] },
  { code: 'AST', alpha: -2.9, beta: 0, minAge: 5, loading: 0.3, female: 0.2, deprivation: 0.08, resolveChance: 0.1, snomed: ['195967001'] },
  { code: 'CAN', alpha: -3.3, beta: 0.65, minAge: 18, loading: 0.3, female: 0.05, deprivation: 0, resolveChance: 0, snomed: ['363346000', '254837009'] },
  { code: 'CHD', alpha: -3.2, beta: 0.8, minAge: 30, loading: 0.6, female: -0.6, deprivation: 0.15, resolveChance: 0, snomed: ['53741008', '22298006'] },
  { code: 'CKD', alpha: -3.4, beta: 0.95, minAge: 18, loading: 0.6, female: 0.1, deprivation: 0.08, resolveChance: 0.03, snomed: ['709044004', '431855005'] },
  { code: 'COPD', alpha: -3.7, beta: 0.6, minAge: 35, loading: 0.6, female: -0.1, deprivation: 0.3, resolveChance: 0, snomed: ['13645005'] },
  { code: 'DEM', alpha: -6.3, beta: 1.55, minAge: 40, loading: 0.6, female: 0.2, deprivation: 0.05, resolveChance: 0, snomed: ['52448006', '26929004'] },
  { code: 'DEP', alpha: -2.7, beta: -0.1, minAge: 18, loading: 0.5, female: 0.45, deprivation: 0.15, resolveChance: 0.25, snomed: ['35489007', '370143000'] },
  { code: 'DM', alpha: -2.3, beta: 0.5, minAge: 10, loading: 0.5, female: -0.3, deprivation: 0.15, resolveChance: 0, snomed: ['44054006', '46635009', '73211009'] },
  { code: 'EP', alpha: -4.9, beta: 0, minAge: 0, loading: 0.3, female: 0, deprivation: 0.1, resolveChance: 0.03, snomed: ['84757009'] },
  { code: 'HF', alpha: -4.9, beta: 1.0, minAge: 18, loading: 0.7, female: -0.3, deprivation: 0.12, resolveChance: 0, snomed: ['84114007'] },
  { code: 'HYP', alpha: -1.7, beta: 0.85, minAge: 18, loading: 0.5, female: -0.1, deprivation: 0.08, resolveChance: 0.02, snomed: ['38341003', '59621000'] },
  { code: 'LD', alpha: -5.4, beta: -0.2, minAge: 0, loading: 0.3, female: -0.4, deprivation: 0.1, resolveChance: 0, snomed: ['110359009'] },
  { code: 'MH', alpha: -4.7, beta: -0.1, minAge: 10, loading: 0.5, female: -0.1, deprivation: 0.2, resolveChance: 0.05, snomed: ['58214004', '13746004'] },
  { code: 'OST', alpha: -5.2, beta: 0.9, minAge: 50, loading: 0.4, female: 1.3, deprivation: 0, resolveChance: 0, snomed: ['64859006'] },
  { code: 'PAD', alpha: -5.1, beta: 0.85, minAge: 40, loading: 0.6, female: -0.4, deprivation: 0.15, resolveChance: 0, snomed: ['399957001'] },
  { code: 'RA', alpha: -5.0, beta: 0.35, minAge: 16, loading: 0.4, female: 0.7, deprivation: 0.05, resolveChance: 0, snomed: ['69896004'] },
  { code: 'STIA', alpha: -4.2, beta: 0.9, minAge: 18, loading: 0.6, female: -0.2, deprivation: 0.1, resolveChance: 0, snomed: ['230690007', '266257000'] },
];

/**
 * Age structure of England (ONS mid-year estimates, percent by five-year band; 90+ spread to 105),
 * shaping the registered population at the end of the period.
 */
export const ENGLAND_AGE_BANDS: readonly { from: number; to: number; percent: number }[] = [
  { from: 0, to: 5, percent: 5.4 },
  { from: 5, to: 10, percent: 5.9 },
  { from: 10, to: 15, percent: 6.1 },
  { from: 15, to: 20, percent: 5.9 },
  { from: 20, to: 25, percent: 6.1 },
  { from: 25, to: 30, percent: 6.6 },
  { from: 30, to: 35, percent: 6.9 },
  { from: 35, to: 40, percent: 6.8 },
  { from: 40, to: 45, percent: 6.4 },
  { from: 45, to: 50, percent: 6.3 },
  { from: 50, to: 55, percent: 6.8 },
  { from: 55, to: 60, percent: 6.8 },
  { from: 60, to: 65, percent: 6.0 },
  { from: 65, to: 70, percent: 5.1 },
  { from: 70, to: 75, percent: 5.0 },
  { from: 75, to: 80, percent: 3.9 },
  { from: 80, to: 85, percent: 2.6 },
  { from: 85, to: 90, percent: 1.5 },
  { from: 90, to: 105, percent: 0.9 },
];
