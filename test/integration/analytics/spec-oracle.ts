import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// An oracle of every measure at practice level, whole population, written from
// the spec (measures.md and data-contract.md) alone: plain loops over the flat extract's
// CSV files, no SQL and nothing of the engine, so that a defect anywhere on the product's path
// (import, Postgres, the copy to DuckDB, the engine, the export) shows as a difference.

/** The measure ids of measures.md, in its order. */
export const SPEC_MEASURES = [
  'ltc_prevalence',
  'multimorbidity',
  'plan_coverage',
  'plan_coverage_multimorbid',
  'pca_rate',
  'preparation',
  'plan_shared',
  'carer_involved',
  'review_completion',
  'overdue_reviews',
  'activation',
  'diabetes_control',
  'depression_remission',
  'emergency_admissions',
] as const;
export type SpecMeasure = (typeof SPEC_MEASURES)[number];

/** measures.md: `overdue_reviews` is a count, its denominator "—". */
export const isCountMeasure = (measure: string): boolean => measure === 'overdue_reviews';

/** A cell's additive parts; the denominator is null for a count measure. */
export interface Cell {
  numerator: number;
  denominator: number | null;
}

export const cellKey = (measure: string, month: string, org: string): string => `${measure} ${month} ${org}`;

export interface Practice {
  code: string;
  pcn: string;
  subIcb: string;
  icb: string;
  region: string;
}

interface Patient {
  id: string;
  diedOn: string | null;
}
interface Registration {
  patientId: string;
  practiceCode: string;
  registeredOn: string;
  deregisteredOn: string | null;
}
interface Condition {
  patientId: string;
  condition: string;
  diagnosedOn: string;
  resolvedOn: string | null;
}
interface CarePlan {
  planId: string;
  patientId: string;
  practiceCode: string;
  agreedOn: string;
  dueOn: string;
  preparedOn: string | null;
  sharedOn: string | null;
  carerInvolved: boolean | null;
}
interface Review {
  planId: string;
  reviewedOn: string;
}
interface Adjustment {
  patientId: string;
  recordedOn: string;
}
interface Observation {
  patientId: string;
  code: string;
  value: number;
  observedOn: string;
}
interface Admission {
  patientId: string;
  admittedOn: string;
  emergency: boolean;
}

/** The flat extract's facts, read from its CSV files (patients identified by `patient_id`). */
export interface Extract {
  practices: Practice[];
  patients: Patient[];
  registrations: Registration[];
  conditions: Condition[];
  carePlans: CarePlan[];
  reviews: Review[];
  adjustments: Adjustment[];
  observations: Observation[];
  admissions: Admission[];
}

type CsvRow = Record<string, string>;

/** Rows of a CSV file with a header row; DuckDB's writer quotes a field holding a comma or a quote. */
export function readCsv(path: string): CsvRow[] {
  return parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as CsvRow[];
}

function required(row: CsvRow, column: string): string {
  const value = row[column];
  if (value === undefined || value === '') throw new Error(`column ${column} is empty or missing in ${JSON.stringify(row)}`);
  return value;
}
// data-contract.md: an empty cell is unknown / not applicable.
const optional = (row: CsvRow, column: string): string | null => (row[column] === undefined || row[column] === '' ? null : row[column]);

const pad2 = (n: number) => String(n).padStart(2, '0');
/** Last day of a month, `month` 1-based. */
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** Days from `from` to `to` (dates YYYY-MM-DD). */
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/** data-contract.md, care_plans.review_due_on: empty means agreed_on + 12 months (29 February gives 28 February). */
function plusTwelveMonths(date: string): string {
  const year = Number(date.slice(0, 4)) + 1;
  const month = Number(date.slice(5, 7));
  const day = Math.min(Number(date.slice(8, 10)), lastDayOf(year, month));
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** Reads the extract's files (the CSV format of data-contract.md, section 1). */
export function readExtract(dir: string): Extract {
  const rows = (file: string) => readCsv(join(dir, `${file}.csv`));
  return {
    practices: rows('practices').map((r) => ({
      code: required(r, 'practice_code'),
      pcn: required(r, 'pcn_code'),
      subIcb: required(r, 'sub_icb_code'),
      icb: required(r, 'icb_code'),
      region: required(r, 'region_code'),
    })),
    patients: rows('patients').map((r) => ({ id: required(r, 'patient_id'), diedOn: optional(r, 'died_on') })),
    registrations: rows('registrations').map((r) => ({
      patientId: required(r, 'patient_id'),
      practiceCode: required(r, 'practice_code'),
      registeredOn: required(r, 'registered_on'),
      deregisteredOn: optional(r, 'deregistered_on'),
    })),
    conditions: rows('conditions').map((r) => ({
      patientId: required(r, 'patient_id'),
      condition: required(r, 'condition'),
      diagnosedOn: required(r, 'diagnosed_on'),
      resolvedOn: optional(r, 'resolved_on'),
    })),
    carePlans: rows('care_plans').map((r) => {
      const agreedOn = required(r, 'agreed_on');
      const carer = optional(r, 'carer_involved');
      return {
        planId: required(r, 'plan_id'),
        patientId: required(r, 'patient_id'),
        practiceCode: required(r, 'practice_code'),
        agreedOn,
        // measures.md, Review: a plan's due date is review_due_on (default agreed_on + 12 months).
        dueOn: optional(r, 'review_due_on') ?? plusTwelveMonths(agreedOn),
        preparedOn: optional(r, 'prepared_on'),
        sharedOn: optional(r, 'shared_on'),
        carerInvolved: carer === null ? null : carer === 'true',
      };
    }),
    reviews: rows('care_plan_reviews').map((r) => ({ planId: required(r, 'plan_id'), reviewedOn: required(r, 'reviewed_on') })),
    adjustments: rows('care_plan_adjustments').map((r) => ({ patientId: required(r, 'patient_id'), recordedOn: required(r, 'recorded_on') })),
    observations: rows('observations').map((r) => ({
      patientId: required(r, 'patient_id'),
      code: required(r, 'code'),
      value: Number(required(r, 'value')),
      observedOn: required(r, 'observed_on'),
    })),
    admissions: rows('admissions').map((r) => ({
      patientId: required(r, 'patient_id'),
      admittedOn: required(r, 'admitted_on'),
      emergency: required(r, 'emergency') === 'true',
    })),
  };
}

/** The months from `first` to `last` (YYYY-MM), both included. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  for (let year = Number(first.slice(0, 4)), month = Number(first.slice(5, 7)); `${year}-${pad2(month)}` <= last; ) {
    months.push(`${year}-${pad2(month)}`);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return months;
}

interface MonthWindow {
  month: string;
  /** `M`, the month's last day. */
  lastDay: string;
  /** measures.md: the window of m runs from the 1st of month m−11 to M. */
  windowStart: string;
}

function windowOf(month: string): MonthWindow {
  const year = Number(month.slice(0, 4));
  const monthNumber = Number(month.slice(5, 7));
  return {
    month,
    lastDay: `${month}-${pad2(lastDayOf(year, monthNumber))}`,
    windowStart: new Date(Date.UTC(year, monthNumber - 1 - 11, 1)).toISOString().slice(0, 10),
  };
}

const inWindow = (date: string | null, w: MonthWindow) => date !== null && date >= w.windowStart && date <= w.lastDay;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Every measure's cells at practice level for the whole population, keyed by `cellKey`, for the given months. */
export function computeOracle(extract: Extract, months: readonly string[]): Map<string, Cell> {
  const diedOn = new Map(extract.patients.map((p) => [p.id, p.diedOn]));
  const registrationsOf = groupBy(extract.registrations, (r) => r.patientId);
  const conditionsOf = groupBy(extract.conditions, (c) => c.patientId);
  const plansOf = groupBy(extract.carePlans, (p) => p.patientId);
  const reviewsOf = groupBy(extract.reviews, (r) => r.planId);
  const adjustmentsOf = groupBy(extract.adjustments, (a) => a.patientId);
  const observationsOf = groupBy(extract.observations, (o) => o.patientId);
  const admissionsOf = groupBy(extract.admissions, (a) => a.patientId);

  // measures.md, Registered at D: registered_on ≤ D, deregistered_on empty or > D, died_on empty or > D;
  // where registrations overlap, the one that began later holds, and the patient counts there only.
  const practiceOn = (patientId: string, day: string): string | null => {
    const died = diedOn.get(patientId) ?? null;
    if (died !== null && !(died > day)) return null;
    let holding: Registration | null = null;
    for (const r of registrationsOf.get(patientId) ?? []) {
      if (r.registeredOn <= day && (r.deregisteredOn === null || r.deregisteredOn > day)) {
        if (holding === null || r.registeredOn > holding.registeredOn) holding = r;
      }
    }
    return holding?.practiceCode ?? null;
  };
  // measures.md, LTC count at M: the distinct register codes with diagnosed_on ≤ M and resolved_on empty or > M.
  const registersOn = (patientId: string, day: string): Set<string> =>
    new Set(
      (conditionsOf.get(patientId) ?? [])
        .filter((c) => c.diagnosedOn <= day && (c.resolvedOn === null || c.resolvedOn > day))
        .map((c) => c.condition),
    );
  // measures.md, Outcomes: the latest observation of a code in the window of m.
  const latestValue = (patientId: string, code: string, w: MonthWindow): number | null => {
    let latest: Observation | null = null;
    for (const o of observationsOf.get(patientId) ?? []) {
      if (o.code === code && inWindow(o.observedOn, w) && (latest === null || o.observedOn > latest.observedOn)) latest = o;
    }
    return latest?.value ?? null;
  };

  const cells = new Map<string, Cell>();
  const add = (measure: SpecMeasure, month: string, practice: string, numerator: number, denominator: number) => {
    const key = cellKey(measure, month, practice);
    const cell = cells.get(key) ?? { numerator: 0, denominator: isCountMeasure(measure) ? null : 0 };
    cell.numerator += numerator;
    if (cell.denominator !== null) cell.denominator += denominator;
    cells.set(key, cell);
  };
  const one = (condition: boolean) => (condition ? 1 : 0);

  for (const w of months.map(windowOf)) {
    for (const patientId of diedOn.keys()) {
      const practice = practiceOn(patientId, w.lastDay);
      if (practice === null) continue;
      const registers = registersOn(patientId, w.lastDay);
      const onRegister = registers.size >= 1;
      const ltcCount = registers.size;
      // measures.md: plan current at M = a plan agreed in the window (at any practice); PCA at M = one recorded in the window.
      const planCurrent = (plansOf.get(patientId) ?? []).some((p) => inWindow(p.agreedOn, w));
      const pca = (adjustmentsOf.get(patientId) ?? []).some((a) => inWindow(a.recordedOn, w));

      // ltc_prevalence: on the LTC register at M / registered at M.
      add('ltc_prevalence', w.month, practice, one(onRegister), 1);
      if (!onRegister) continue;
      // multimorbidity: LTC count ≥ 2 / on the register.
      add('multimorbidity', w.month, practice, one(ltcCount >= 2), 1);
      // plan_coverage: with a plan current / on the register less those with a PCA and no plan current;
      // plan_coverage_multimorbid: the same for LTC count ≥ 2.
      const excepted = pca && !planCurrent;
      add('plan_coverage', w.month, practice, one(planCurrent), one(!excepted));
      if (ltcCount >= 2) add('plan_coverage_multimorbid', w.month, practice, one(planCurrent), one(!excepted));
      // pca_rate: with a PCA and no plan current / on the register.
      add('pca_rate', w.month, practice, one(excepted), 1);
      // activation: latest PAM_LEVEL in the window 3 or 4 / on the register with a PAM_LEVEL in the window.
      const pam = latestValue(patientId, 'PAM_LEVEL', w);
      if (pam !== null) add('activation', w.month, practice, one(pam >= 3), 1);
      // diabetes_control: on the DM register with latest HBA1C in the window ≤ 58 / on the DM register.
      if (registers.has('DM')) {
        const hba1c = latestValue(patientId, 'HBA1C', w);
        add('diabetes_control', w.month, practice, one(hba1c !== null && hba1c <= 58), 1);
      }
      // depression_remission: on the DEP register with latest PHQ9 in the window < 10 / with a PHQ9 in the window.
      if (registers.has('DEP')) {
        const phq9 = latestValue(patientId, 'PHQ9', w);
        if (phq9 !== null) add('depression_remission', w.month, practice, one(phq9 < 10), 1);
      }
      // emergency_admissions: emergency admissions in the window of patients on the register / on the register.
      const emergencies = (admissionsOf.get(patientId) ?? []).filter((a) => a.emergency && inWindow(a.admittedOn, w)).length;
      add('emergency_admissions', w.month, practice, emergencies, 1);
      // overdue_reviews (a count): plans with due date < M, no review dated on or before M and no later plan
      // agreed on or before M, whose patient is on the register at M, counted at that practice.
      const plans = plansOf.get(patientId) ?? [];
      for (const plan of plans) {
        if (!(plan.dueOn < w.lastDay)) continue;
        if ((reviewsOf.get(plan.planId) ?? []).some((r) => r.reviewedOn <= w.lastDay)) continue;
        if (plans.some((later) => later.agreedOn > plan.agreedOn && later.agreedOn <= w.lastDay)) continue;
        add('overdue_reviews', w.month, practice, 1, 0);
      }
    }

    for (const plan of extract.carePlans) {
      // The process: plans agreed in the window, counted at the practice where the patient was registered
      // on agreed_on, or, if none, the practice that agreed the plan.
      if (inWindow(plan.agreedOn, w)) {
        const practice = practiceOn(plan.patientId, plan.agreedOn) ?? plan.practiceCode;
        // preparation: prepared_on 1 to 42 days before agreed_on.
        const preparedDaysBefore = plan.preparedOn === null ? null : daysBetween(plan.preparedOn, plan.agreedOn);
        const prepared = preparedDaysBefore !== null && preparedDaysBefore >= 1 && preparedDaysBefore <= 42;
        // plan_shared: shared_on 0 to 28 days after agreed_on.
        const sharedDaysAfter = plan.sharedOn === null ? null : daysBetween(plan.agreedOn, plan.sharedOn);
        const shared = sharedDaysAfter !== null && sharedDaysAfter >= 0 && sharedDaysAfter <= 28;
        add('preparation', w.month, practice, one(prepared), 1);
        add('plan_shared', w.month, practice, one(shared), 1);
        // carer_involved: true / plans with carer_involved recorded.
        if (plan.carerInvolved !== null) add('carer_involved', w.month, practice, one(plan.carerInvolved), 1);
      }
      // review_completion: plans due in the window whose patient was registered on the due date (counted at
      // that practice); reviewed on time if a review is dated from agreed_on to the due date, or the same
      // patient has a later plan agreed after agreed_on and on or before the due date.
      if (inWindow(plan.dueOn, w)) {
        const practice = practiceOn(plan.patientId, plan.dueOn);
        if (practice === null) continue;
        const onTime =
          (reviewsOf.get(plan.planId) ?? []).some((r) => r.reviewedOn >= plan.agreedOn && r.reviewedOn <= plan.dueOn) ||
          (plansOf.get(plan.patientId) ?? []).some((later) => later.agreedOn > plan.agreedOn && later.agreedOn <= plan.dueOn);
        add('review_completion', w.month, practice, one(onTime), 1);
      }
    }
  }
  return cells;
}
