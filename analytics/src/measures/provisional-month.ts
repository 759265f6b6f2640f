const DAY_MS = 86_400_000;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function monthParts(month: string): [number, number] {
  const match = MONTH.exec(month);
  if (!match) throw new Error(`month must be YYYY-MM, got "${month}"`);
  return [Number(match[1]), Number(match[2])];
}

function dateMs(date: string): number {
  const match = DATE.exec(date);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (!match || new Date(ms).toISOString().slice(0, 10) !== date) throw new Error(`asOf must be a date YYYY-MM-DD, got "${date}"`);
  return ms;
}

/**
 * Whether month m (`YYYY-MM`) of a measure with `followUpDays` F is provisional in a snapshot as of `asOf` (`YYYY-MM-DD`):
 * M + F ≥ asOf, M the last day of m (a record dated up to M + F can still count, and the refresh did not come after that day).
 * A measure without follow-up days has no provisional months.
 */
export function isProvisionalMonth(month: string, asOf: string, followUpDays: number | undefined): boolean {
  const [year, monthNumber] = monthParts(month);
  const asOfMs = dateMs(asOf);
  if (followUpDays === undefined) return false;
  // Day 0 of the next month is the last day of this one (29 February in a leap year).
  const lastDay = Date.UTC(year, monthNumber, 0);
  return lastDay + followUpDays * DAY_MS >= asOfMs;
}

/** The latest month up to `lastMonth` (`YYYY-MM`) that is not provisional (isProvisionalMonth) as of `asOf`. */
export function latestFinalMonth(lastMonth: string, asOf: string, followUpDays: number | undefined): string {
  let [year, month] = monthParts(lastMonth);
  const text = () => `${year}-${String(month).padStart(2, '0')}`;
  while (isProvisionalMonth(text(), asOf, followUpDays)) {
    month -= 1;
    if (month === 0) [year, month] = [year - 1, 12];
  }
  return text();
}
