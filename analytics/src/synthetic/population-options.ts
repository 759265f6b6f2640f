/** Options of a synthetic population; months are `YYYY-MM`, `to` included. */
export interface PopulationOptions {
  practices: number;
  patients: number;
  from: string;
  to: string;
  seed: number;
  /** Fraction of deliberately broken rows in the CSV output (0 to 0.5), e.g. 0.01. */
  dirty?: number;
  /**
   * A known effect of training: added to the chance (0 to 1) that a yearly care-plan slot gives a
   * plan from the practice's training date on, in place of the default (a rise in the log-odds that
   * grows with experience). 0 gives the same population with training doing nothing.
   */
  trainingEffect?: number;
}

/** Counts of each organisation level. */
export interface HierarchyCounts {
  practices: number;
  pcns: number;
  subIcbs: number;
  icbs: number;
  regions: number;
}

/** The dates a population is built around. */
export interface PopulationPeriod {
  /** First day of `from`. */
  from: string;
  /** Last day of `to`: nothing is dated later. */
  end: string;
  /** Twelve months before `from`: plans, observations and admissions start here so the first month has a full window. */
  horizon: string;
  /** Yearly care-plan slots per LTC patient, from the horizon to the end. */
  slots: number;
}

export const MAX_PRACTICES = 100_000;
export const MAX_PATIENTS = 200_000_000;
export const MAX_PERIOD_YEARS = 14;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

const monthIndex = (text: string, name: string, problems: string[]): number => {
  const match = MONTH.exec(text);
  if (!match) {
    problems.push(`${name} must be a month YYYY-MM, got "${text}"`);
    return Number.NaN;
  }
  return Number(match[1]) * 12 + Number(match[2]) - 1;
};

const isoDate = (year: number, monthZeroBased: number, day: number): string =>
  new Date(Date.UTC(year, monthZeroBased, day)).toISOString().slice(0, 10);

/** Checks the options, naming every problem at once; returns the period they span. */
export function validatePopulationOptions(options: PopulationOptions): PopulationPeriod {
  const problems: string[] = [];
  const wholeIn = (value: number, name: string, low: number, high: number) => {
    if (!Number.isInteger(value) || value < low || value > high) {
      problems.push(`${name} must be a whole number from ${low.toLocaleString('en-GB')} to ${high.toLocaleString('en-GB')}, got ${value}`);
    }
  };
  wholeIn(options.practices, 'practices', 1, MAX_PRACTICES);
  wholeIn(options.patients, 'patients', 1, MAX_PATIENTS);
  if (Number.isInteger(options.practices) && Number.isInteger(options.patients) && options.patients < options.practices) {
    problems.push(`patients (${options.patients}) must be at least practices (${options.practices})`);
  }
  if (!Number.isSafeInteger(options.seed)) problems.push(`seed must be a whole number, got ${options.seed}`);
  const dirty = options.dirty ?? 0;
  if (!(dirty >= 0 && dirty <= 0.5)) problems.push(`dirty must be a fraction from 0 to 0.5, got ${dirty}`);
  const effect = options.trainingEffect;
  if (effect !== undefined && !(effect >= 0 && effect <= 1)) problems.push(`trainingEffect must be a chance from 0 to 1, got ${effect}`);
  const from = monthIndex(options.from, 'from', problems);
  const to = monthIndex(options.to, 'to', problems);
  if (from > to) problems.push(`from (${options.from}) must not be after to (${options.to})`);
  if (to - from + 1 > MAX_PERIOD_YEARS * 12) problems.push(`the period must be at most ${MAX_PERIOD_YEARS} years`);
  if (problems.length > 0) throw new Error(`Invalid population options: ${problems.join('; ')}`);

  const fromYear = Math.floor(from / 12);
  const toYear = Math.floor(to / 12);
  const period = {
    from: isoDate(fromYear, from % 12, 1),
    end: isoDate(toYear, (to % 12) + 1, 0),
    horizon: isoDate(fromYear - 1, from % 12, 1),
  };
  const days = (Date.parse(period.end) - Date.parse(period.horizon)) / 86_400_000;
  return { ...period, slots: Math.ceil(days / 365.25) + 1 };
}

/**
 * Organisation counts for a number of practices: England's 6,300 practices sit in about 1,250
 * PCNs, 106 sub-ICBs, 42 ICBs and 7 regions; 40 practices (the demo) in 8 PCNs, 4 sub-ICBs,
 * 2 ICBs and 1 region. Each level follows the power law through those two points, capped at
 * England's count, and never has more units than the level below it.
 */
export function hierarchyCounts(practices: number): HierarchyCounts {
  const scale = (at40: number, at6300: number, cap: number) => {
    const exponent = Math.log(at6300 / at40) / Math.log(6300 / 40);
    return Math.min(cap, Math.max(1, Math.round(at40 * (practices / 40) ** exponent)));
  };
  const pcns = Math.min(practices, scale(8, 1250, Number.POSITIVE_INFINITY));
  const subIcbs = Math.min(pcns, scale(4, 106, 106));
  const icbs = Math.min(subIcbs, scale(2, 42, 42));
  const regions = Math.min(icbs, scale(1, 7, 7));
  return { practices, pcns, subIcbs, icbs, regions };
}
