/*
 * A first load straight into the record tables. When a file's record table is empty, its checked
 * rows are COPYed into it at once, their references resolved here in Node from the rows the same
 * import loaded just before (patients, plans) and the stored practices, instead of being COPYed
 * into staging, joined and inserted a second time. Any problem sends the file back through
 * staging, where the checks name every problem (see csv-stager's RecordRowWriter).
 */
import type { RecordRowWriter } from './csv-stager';
import { EXTRACT_FILES, type ExtractFileName, type ExtractFileSpec } from './extract-files';

/** Files that may be loaded directly into an empty record table. */
export type DirectFile = Exclude<ExtractFileName, 'practices.csv' | 'training.csv'>;

const DIRECT_FILES: readonly ExtractFileName[] = EXTRACT_FILES.filter((file) => file !== 'practices.csv' && file !== 'training.csv');

export const isDirectFile = (file: ExtractFileName): file is DirectFile => DIRECT_FILES.includes(file);

/**
 * Resolving references in Node keeps one map entry per patient or plan; beyond this many the
 * files after it are staged (a JavaScript Map holds at most 2^24 entries).
 */
const MAX_RESOLVED = 8_000_000;

/** How many keys after the last one found are compared before the map is asked (see rowOf). */
const LOOK_AHEAD = 16;

/** No date (COPY's NULL): after every date. */
export const NO_DAY = 2_147_483_647;

/**
 * A checked date `YYYY-MM-DD` as a number in the same order (y·372 + (m−1)·31 + d−1), cheaper to
 * keep and compare than the text; COPY's NULL is NO_DAY.
 */
export function dayKey(date: string): number {
  if (date.length !== 10) return NO_DAY;
  const digit = (at: number) => date.charCodeAt(at) - 48;
  const year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  return year * 372 + (digit(5) * 10 + digit(6) - 1) * 31 + digit(8) * 10 + digit(9) - 1;
}

export function dateOfDayKey(day: number): string {
  const year = Math.floor(day / 372);
  const rest = day % 372;
  return `${String(year).padStart(4, '0')}-${String(Math.floor(rest / 31) + 1).padStart(2, '0')}-${String((rest % 31) + 1).padStart(2, '0')}`;
}

/** A growing column of whole numbers. */
class IntColumn {
  private data = new Int32Array(1 << 16);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  at(index: number): number {
    return this.data[index];
  }
}

/** A warning of a directly loaded registrations.csv, as the staged path's SQL words it. */
export interface RegistrationWarning {
  line: number;
  value: string;
  rule: string;
}

/**
 * The registrations a direct load wrote, kept compactly for their warnings, which are then worked
 * out here rather than by a self-join of the table: every stored registration is one of them.
 */
export class LoadedRegistrations {
  private readonly patientRows = new IntColumn();
  private readonly practiceIndexes = new IntColumn();
  private readonly starts = new IntColumn();
  private readonly ends = new IntColumn();
  private readonly lines = new IntColumn();
  private readonly practiceCodes: string[] = [];
  private readonly practiceIndex = new Map<string, number>();
  private sortedByPatient = true;

  add(patientRow: number, practiceCode: string, registeredOn: string, deregisteredOn: string, line: number): void {
    let practice = this.practiceIndex.get(practiceCode);
    if (practice === undefined) {
      practice = this.practiceCodes.length;
      this.practiceCodes.push(practiceCode);
      this.practiceIndex.set(practiceCode, practice);
    }
    const count = this.lines.length;
    if (count > 0 && patientRow < this.patientRows.at(count - 1)) this.sortedByPatient = false;
    this.patientRows.push(patientRow);
    this.practiceIndexes.push(practice);
    this.starts.push(dayKey(registeredOn));
    this.ends.push(dayKey(deregisteredOn));
    this.lines.push(line);
  }

  /**
   * In line order, as registrationWarningsSql gives them: a registration after the patient's death,
   * then the first registration (by start, then practice) of the same patient that overlaps it, other
   * than itself (`o.registered_on < r.deregistered_on and r.registered_on < o.deregistered_on`, no end
   * being infinity). `diedOn(patientRow)` is the patient's died_on as a dayKey.
   */
  *warnings(diedOn: (patientRow: number) => number): Generator<RegistrationWarning> {
    const count = this.lines.length;
    const overlapping = new Int32Array(count).fill(-1);
    const order = new Uint32Array(count);
    for (let i = 0; i < count; i++) order[i] = i;
    if (!this.sortedByPatient) order.sort((a, b) => this.patientRows.at(a) - this.patientRows.at(b) || a - b);
    for (let first = 0; first < count; ) {
      let end = first + 1;
      while (end < count && this.patientRows.at(order[end]) === this.patientRows.at(order[first])) end++;
      for (let i = first; end - first > 1 && i < end; i++) {
        const r = order[i];
        let best = -1;
        for (let j = first; j < end; j++) {
          const o = order[j];
          if (o === r || (this.practiceIndexes.at(o) === this.practiceIndexes.at(r) && this.starts.at(o) === this.starts.at(r))) continue;
          if (!(this.starts.at(o) < this.ends.at(r) && this.starts.at(r) < this.ends.at(o))) continue;
          if (best === -1 || this.starts.at(o) < this.starts.at(best) || (this.starts.at(o) === this.starts.at(best) && this.codeOf(o) < this.codeOf(best))) best = o;
        }
        overlapping[r] = best;
      }
      first = end;
    }
    for (let r = 0; r < count; r++) {
      const start = this.starts.at(r);
      const died = diedOn(this.patientRows.at(r));
      if (died !== NO_DAY && start > died) {
        yield { line: this.lines.at(r), value: dateOfDayKey(start), rule: `is after the patient's death (died_on ${dateOfDayKey(died)})` };
      }
      const o = overlapping[r];
      if (o !== -1) {
        yield {
          line: this.lines.at(r),
          value: dateOfDayKey(start),
          rule: `overlaps the registration at ${this.codeOf(o)} from ${dateOfDayKey(this.starts.at(o))}: the one that began later holds from its start`,
        };
      }
    }
  }

  private codeOf(row: number): string {
    return this.practiceCodes[this.practiceIndexes.at(row)];
  }
}

/**
 * The keys of the rows one direct load wrote (pseudonyms, plan ids), in file order, and so the
 * id each got: a COPY into an empty table numbers its rows from one sequence in the order given,
 * so when the table's ids run from min to max without a gap, row i has id min + i.
 */
export class LoadedKeys {
  private keys: string[] = [];
  private days: number[] = [];
  /** More keys than the limit: none kept any longer (the files after it are staged). */
  private overflowed = false;
  private firstId = 0;
  private settled = false;
  private index: Map<string, number> | undefined;
  private cursor = 0;

  /** `limit`: the most keys kept (MAX_RESOLVED; tests lower it). */
  constructor(private readonly limit = MAX_RESOLVED) {}

  /** `day`: a date the files after it check against (a plan's agreed_on, a patient's died_on), as a dayKey. */
  add(key: string, day: number): void {
    if (this.overflowed) return;
    if (this.keys.length === this.limit) {
      this.overflowed = true;
      this.keys = [];
      this.days = [];
      return;
    }
    // Keys cut from a read chunk would keep the whole chunk alive in memory: copy the long ones.
    this.keys.push(key.length < 13 ? key : Buffer.from(key, 'utf8').toString('utf8'));
    this.days.push(day);
  }

  /** The ids the table gave, once its COPY is finished; false when they cannot be worked out. */
  settle(minId: number, maxId: number, rows: number): boolean {
    this.settled = !this.overflowed && rows === this.keys.length && rows > 0 && maxId - minId + 1 === rows;
    this.firstId = minId;
    return this.settled;
  }

  get usable(): boolean {
    return this.settled;
  }

  /**
   * Index of a row with this key (a key given twice makes the rebuilt unique key reject the load,
   * and the loads that resolved with it are undone with it). Extracts list each patient's rows
   * together and their patients in the order of patients.csv, so the next key asked for is most
   * often the last one or a few rows after it: those are compared first, which costs a fraction of
   * hashing the key into a map of millions.
   */
  rowOf(key: string): number | undefined {
    if (!this.settled) return undefined;
    const keys = this.keys;
    const end = Math.min(keys.length, this.cursor + LOOK_AHEAD);
    for (let row = this.cursor; row < end; row++) {
      if (keys[row] === key) {
        this.cursor = row;
        return row;
      }
    }
    if (!this.index) {
      const index = new Map<string, number>();
      for (let i = keys.length - 1; i >= 0; i--) index.set(keys[i], i);
      this.index = index;
    }
    const row = this.index.get(key);
    if (row !== undefined) this.cursor = row;
    return row;
  }

  idOfRow(row: number): number {
    return this.firstId + row;
  }

  dayOfRow(row: number): number {
    return this.days[row];
  }
}

/** What a direct load reads with: the loads before it in this import, and the stored practices. */
export interface DirectLoadContext {
  patients?: LoadedKeys;
  plans?: LoadedKeys;
  practices: Set<string>;
}

export interface DirectLoad {
  /** The record table's columns, in the order the row writer gives them. */
  columns: string[];
  write: RecordRowWriter;
  /** The keys this load gives the files after it (patients, plans). */
  keys?: LoadedKeys;
  /** registrations.csv: its rows, for their warnings. */
  registrations?: LoadedRegistrations;
}

/** The files whose keys a direct load of this file needs: none for patients.csv. */
export const directLoadNeeds = (file: DirectFile): 'patients' | 'plans' | null =>
  file === 'patients.csv' ? null : file === 'care_plan_reviews.csv' ? 'plans' : 'patients';

/**
 * The row writer for a direct load of the file, or undefined when what it needs is not there
 * (its patients or plans were not loaded directly by this import).
 */
export function directLoad(spec: ExtractFileSpec & { file: DirectFile }, context: DirectLoadContext): DirectLoad | undefined {
  const names = spec.columns.map((c) => c.name);
  if (spec.file === 'patients.csv') {
    const keys = new LoadedKeys();
    const diedAt = names.indexOf('died_on');
    return {
      columns: ['pseudonym', ...names],
      keys,
      write: (values, pseudonym) => {
        keys.add(pseudonym, dayKey(values[diedAt]));
        return `${pseudonym}\t${values.join('\t')}\n`;
      },
    };
  }
  if (spec.file === 'care_plan_reviews.csv') {
    const plans = context.plans;
    if (!plans?.usable) return undefined;
    const planAt = names.indexOf('plan_id');
    const reviewedAt = names.indexOf('reviewed_on');
    return {
      columns: ['care_plan_id', 'reviewed_on'],
      write: (values) => {
        const row = plans.rowOf(values[planAt]);
        // An unknown plan, or a review before its plan was agreed: the checks will say which.
        if (row === undefined || dayKey(values[reviewedAt]) < plans.dayOfRow(row)) return undefined;
        return `${plans.idOfRow(row)}\t${values[reviewedAt]}\n`;
      },
    };
  }
  const patients = context.patients;
  if (!patients?.usable) return undefined;
  const practiceAt = names.indexOf('practice_code');
  const practices = context.practices;
  const planKeys = spec.file === 'care_plans.csv' ? new LoadedKeys() : undefined;
  const planAt = names.indexOf('plan_id');
  const agreedAt = names.indexOf('agreed_on');
  const registrations = spec.file === 'registrations.csv' ? new LoadedRegistrations() : undefined;
  const registeredAt = names.indexOf('registered_on');
  const deregisteredAt = names.indexOf('deregistered_on');
  return {
    columns: ['patient_id', ...names],
    keys: planKeys,
    registrations,
    write: (values, pseudonym, line) => {
      const row = patients.rowOf(pseudonym);
      if (row === undefined) return undefined;
      if (practiceAt >= 0 && !practices.has(values[practiceAt])) return undefined;
      planKeys?.add(values[planAt], dayKey(values[agreedAt]));
      registrations?.add(row, values[practiceAt], values[registeredAt], values[deregisteredAt], line);
      return `${patients.idOfRow(row)}\t${values.join('\t')}\n`;
    },
  };
}
