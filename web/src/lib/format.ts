import type { MeasureUnit } from '@pcsp/contract/measures.contract';

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** The text shown for a hidden value: disclosure control, never 0. */
export const SUPPRESSED = 'suppressed';
export const NO_DATA = 'no data';

/** A count with thousands separators; "suppressed" when disclosure control hid it. */
export function formatCount(value: number | null | undefined, suppressed = false): string {
  if (value === null || value === undefined) return suppressed ? SUPPRESSED : NO_DATA;
  return integer.format(value);
}

/** A rate in its measure's unit (rates arrive already in the unit: 45.3 means 45.3%). */
export function formatRate(value: number | null | undefined, unit: MeasureUnit, suppressed = false): string {
  if (value === null || value === undefined) return suppressed ? SUPPRESSED : NO_DATA;
  if (unit === '%') return `${oneDecimal.format(value)}%`;
  if (unit === 'per 1,000') return `${oneDecimal.format(value)} per 1,000`;
  return integer.format(value);
}

/** The headline value of a measure: the rate, or the numerator of a count measure. */
export function headlineValue(point: { rate: number | null; numerator: number | null }, unit: MeasureUnit): number | null {
  return unit === 'count' ? point.numerator : point.rate;
}

/** "(41.2% to 47.9%)" or '' when there is no interval. */
export function formatInterval(low: number | null | undefined, high: number | null | undefined, unit: MeasureUnit): string {
  if (low === null || low === undefined || high === null || high === undefined) return '';
  return `${formatRate(low, unit)} to ${formatRate(high, unit)}`;
}

/**
 * Said for a rate that has no interval. A rate's interval is Wilson's (measures.md), which is of a proportion: only
 * emergency admissions per 1,000, where one person can have several, can have more in the numerator than the
 * denominator, and then it has none.
 */
export const NO_INTERVAL = 'none (more admissions than people)';

/** A rate's 95% interval as formatInterval gives it, or why there is none: no rate (no data), or none for this rate. */
export function intervalText(rate: number | null | undefined, low: number | null | undefined, high: number | null | undefined, unit: MeasureUnit): string {
  return formatInterval(low, high, unit) || (rate === null || rate === undefined ? NO_DATA : NO_INTERVAL);
}

/** A change in the unit's points: "+2.3 percentage points", "−1.0 per 1,000". */
export function formatChange(value: number | null | undefined, unit: MeasureUnit): string {
  if (value === null || value === undefined) return NO_DATA;
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  const magnitude = unit === 'count' ? integer.format(Math.abs(value)) : oneDecimal.format(Math.abs(value));
  if (unit === '%') return `${sign}${magnitude} percentage points`;
  if (unit === 'per 1,000') return `${sign}${magnitude} per 1,000`;
  return `${sign}${magnitude}`;
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-10" → "October 2026". */
export function formatMonth(month: string | null | undefined): string {
  if (!month) return NO_DATA;
  const [year, m] = month.split('-').map(Number);
  if (!year || !m || m < 1 || m > 12) return month;
  return `${monthNames[m - 1]} ${year}`;
}

/**
 * A period of months from `first` to `last`: "October 2026" for one month, "August to October 2026" within a year,
 * "November 2025 to January 2026" across two.
 */
export function formatPeriod(first: string, last: string): string {
  if (first === last) return formatMonth(last);
  const start = formatMonth(first);
  const end = formatMonth(last);
  const year = last.slice(0, 4);
  return first.slice(0, 4) === year && start.endsWith(` ${year}`) ? `${start.slice(0, -year.length - 1)} to ${end}` : `${start} to ${end}`;
}

/** A month as tables name it: "November 2026", or "November 2026 (provisional)" where its figures can still rise. */
export function formatMonthMarked(month: string, provisional: boolean | undefined): string {
  return provisional ? `${formatMonth(month)} (provisional)` : formatMonth(month);
}

/** "2026-10" → a Date at the first of the month (UTC), for chart x scales. */
export function monthDate(month: string): Date {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (m ?? 1) - 1, 1));
}

/** "2026-10" shifted by n months. */
export function addMonths(month: string, n: number): string {
  const d = monthDate(month);
  d.setUTCMonth(d.getUTCMonth() + n);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

const levelNames: Record<string, string> = {
  practice: 'Practice',
  pcn: 'PCN',
  sub_icb: 'Sub-ICB location',
  icb: 'ICB',
  region: 'Region',
  england: 'England',
  group: 'Custom group',
};

export function formatLevel(level: string): string {
  return levelNames[level] ?? level;
}

const roleNames: Record<string, string> = {
  admin: 'Administrator',
  commissioner: 'Commissioner',
  network: 'Clinical network manager',
  practice: 'Practice lead',
};

export function formatRole(role: string): string {
  return roleNames[role] ?? role;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return NO_DATA;
  const d = new Date(iso);
  return d.toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

const breakdownNames: Record<string, string> = {
  age_band: 'Age band',
  sex: 'Sex',
  ethnic_group: 'Ethnic group',
  imd_quintile: 'Deprivation (IMD quintile)',
  ltc_count: 'Number of long-term conditions',
  register: 'Condition register',
  plan: 'Care plan',
};

export function formatBreakdown(dimension: string): string {
  return breakdownNames[dimension] ?? dimension;
}

/** The data contract's register codes in words (conditions.csv), e.g. `DM` diabetes. */
const REGISTER_NAMES: Record<string, string> = {
  AF: 'Atrial fibrillation', AST: 'Asthma', CAN: 'Cancer', CHD: 'Coronary heart disease', CKD: 'Chronic kidney disease',
  COPD: 'COPD', DEM: 'Dementia', DEP: 'Depression', DM: 'Diabetes', EP: 'Epilepsy', HF: 'Heart failure',
  HYP: 'Hypertension', LD: 'Learning disability', MH: 'Serious mental illness', OST: 'Osteoporosis',
  PAD: 'Peripheral arterial disease', RA: 'Rheumatoid arthritis', STIA: 'Stroke or TIA',
};

/**
 * Breakdown values in words where the API's label is a code: sex and ethnic group as the data contract names them,
 * registers by name with their code, and the ends of the IMD scale: quintile 1 is the most deprived fifth and 5 the
 * least, as the records hold them (analytics' imd_quintile) and as NHS Digital and Fingertips publish them; the bare
 * number does not say which end is which.
 */
const breakdownValueNames: Record<string, string> = {
  'imd_quintile=1': '1 (most deprived)',
  'imd_quintile=5': '5 (least deprived)',
  'imd_quintile=unknown': 'Unknown',
  'sex=F': 'Female',
  'sex=M': 'Male',
  'sex=I': 'Indeterminate',
  'sex=U': 'Unknown',
  'ethnic_group=white': 'White',
  'ethnic_group=mixed': 'Mixed',
  'ethnic_group=asian': 'Asian',
  'ethnic_group=black': 'Black',
  'ethnic_group=other': 'Other',
  'ethnic_group=unknown': 'Unknown',
  'plan=with': 'With a plan',
  'plan=without': 'Without a plan',
  ...Object.fromEntries(Object.entries(REGISTER_NAMES).map(([code, name]) => [`register=${code}`, `${name} (${code})`])),
};

/** The words for one breakdown value of a series line: the API's label ('1' for `imd_quintile=1`), with the end of a scale named. */
export function formatBreakdownValue(line: { breakdown: string; label: string }): string {
  return breakdownValueNames[line.breakdown] ?? line.label;
}

/** "Deprivation (IMD quintile)" → "deprivation (IMD quintile)": lower-cases the first letter only, keeping acronyms. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
