/*
 * A first load straight into the record tables. When a file's record table is empty, its checked
 * rows are COPYed into it at once, their references resolved here in Node from the rows the same
 * import loaded just before (patients, plans) and the stored practices, instead of being COPYed
 * into staging, joined and inserted a second time. Any problem sends the file back through
 * staging, where the checks name every problem (see csv-stager's RecordRowWriter).
 */
import { practiceCodeOfNumber, practiceNumber, practiceNumberAt, sameBytes } from './byte-values';
import type { CopyOutput } from './copy-output';
import type { ByteRow, RecordBytesWriter, RecordRowWriter } from './csv-stager';
import { EXTRACT_FILES, PRACTICE_CODE_PATTERN, type ExtractFileName, type ExtractFileSpec } from './extract-files';

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
  return date.length === 10 ? dayKeyAt(Buffer.from(date, 'latin1'), 0) : NO_DAY;
}

/** dayKey of the date data[start, start + 10) (a checked date); NO_DAY for start −1 (no date). */
export function dayKeyAt(data: Buffer, start: number): number {
  if (start < 0) return NO_DAY;
  const year = (data[start] - 48) * 1000 + (data[start + 1] - 48) * 100 + (data[start + 2] - 48) * 10 + data[start + 3] - 48;
  return year * 372 + ((data[start + 5] - 48) * 10 + data[start + 6] - 49) * 31 + (data[start + 8] - 48) * 10 + data[start + 9] - 49;
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
  private readonly practices = new IntColumn();
  private readonly starts = new IntColumn();
  private readonly ends = new IntColumn();
  private readonly lines = new IntColumn();
  private sortedByPatient = true;

  /** The practice as its practiceNumber (whose order is the codes'), the dates as dayKeys, NO_DAY for no end. */
  add(patientRow: number, practice: number, registeredOn: number, deregisteredOn: number, line: number): void {
    const count = this.lines.length;
    if (count > 0 && patientRow < this.patientRows.at(count - 1)) this.sortedByPatient = false;
    this.patientRows.push(patientRow);
    this.practices.push(practice);
    this.starts.push(registeredOn);
    this.ends.push(deregisteredOn);
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
          if (o === r || (this.practices.at(o) === this.practices.at(r) && this.starts.at(o) === this.starts.at(r))) continue;
          if (!(this.starts.at(o) < this.ends.at(r) && this.starts.at(r) < this.ends.at(o))) continue;
          if (best === -1 || this.starts.at(o) < this.starts.at(best) || (this.starts.at(o) === this.starts.at(best) && this.practices.at(o) < this.practices.at(best))) best = o;
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
    return practiceCodeOfNumber(this.practices.at(row));
  }
}

/**
 * The keys of the rows one direct load wrote (pseudonyms, plan ids), in file order, and so the
 * id each got: the load gives its rows the ids first, first + 1, … in file order. The keys are
 * kept as their UTF-8 bytes end to end, found by comparing bytes (see rowOfBytes): millions of
 * strings and a Map of them cost several times the memory and most of the time of resolving.
 */
export class LoadedKeys {
  private bytes = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  /** Where key i ends in bytes (it begins where key i − 1 ends). */
  private readonly ends = new IntColumn();
  private readonly days = new IntColumn();
  /** More keys than the limit: none kept any longer (the files after it are staged). */
  private overflowed = false;
  private firstId = 0;
  private settled = false;
  /** Open addressing: row + 1 of the key hashed to each slot, 0 for none; made when first needed. */
  private slots: Int32Array | undefined;
  private cursor = 0;
  private scratch = Buffer.allocUnsafe(256);

  /** `limit`: the most keys kept (MAX_RESOLVED; tests lower it). */
  constructor(private readonly limit = MAX_RESOLVED) {}

  get count(): number {
    return this.ends.length;
  }

  /** `day`: a date the files after it check against (a plan's agreed_on, a patient's died_on), as a dayKey. */
  add(key: string, day: number): void {
    const length = Buffer.byteLength(key, 'utf8');
    if (!this.room(length)) return;
    this.used += this.bytes.write(key, this.used, 'utf8');
    this.ends.push(this.used);
    this.days.push(day);
  }

  /** The key data[start, end), as add. */
  addBytes(data: Buffer, start: number, end: number, day: number): void {
    if (!this.room(end - start)) return;
    const bytes = this.bytes;
    let at = this.used;
    for (let i = start; i < end; i++) bytes[at++] = data[i];
    this.used = at;
    this.ends.push(at);
    this.days.push(day);
  }

  /**
   * Once the load's COPY has stored `rows` rows from id `firstId` on, the keys may be resolved with;
   * false when they were not all kept (past the limit) or are not the rows stored.
   */
  settle(firstId: number, rows: number): boolean {
    this.settled = !this.overflowed && rows === this.count && rows > 0;
    this.firstId = firstId;
    return this.settled;
  }

  get usable(): boolean {
    return this.settled;
  }

  rowOf(key: string): number | undefined {
    const length = Buffer.byteLength(key, 'utf8');
    if (this.scratch.length < length) this.scratch = Buffer.allocUnsafe(length);
    this.scratch.write(key, 0, 'utf8');
    return this.rowOfBytes(this.scratch, 0, length);
  }

  /**
   * Index of the row with the key data[start, end) (a key given twice makes the rebuilt unique key
   * reject the load, and the loads that resolved with it are undone with it; the first is given).
   * Extracts list each patient's rows together and their patients in the order of patients.csv, so
   * the next key asked for is most often the last one or a few rows after it: those are compared
   * first, which costs a fraction of hashing the key.
   */
  rowOfBytes(data: Buffer, start: number, end: number): number | undefined {
    if (!this.settled) return undefined;
    const last = Math.min(this.count, this.cursor + LOOK_AHEAD);
    for (let row = this.cursor; row < last; row++) {
      if (this.equals(row, data, start, end)) {
        this.cursor = row;
        return row;
      }
    }
    const slots = this.slots ?? this.index();
    const mask = slots.length - 1;
    for (let slot = hashBytes(data, start, end) & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
      const row = slots[slot] - 1;
      if (this.equals(row, data, start, end)) {
        this.cursor = row;
        return row;
      }
    }
    return undefined;
  }

  idOfRow(row: number): number {
    return this.firstId + row;
  }

  dayOfRow(row: number): number {
    return this.days.at(row);
  }

  /** Whether there is room for one more key of this many bytes: past the limit, none are kept. */
  private room(length: number): boolean {
    if (this.overflowed) return false;
    if (this.count === this.limit) {
      this.overflowed = true;
      this.bytes = Buffer.alloc(0);
      this.used = 0;
      return false;
    }
    if (this.used + length > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + length));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    return true;
  }

  private equals(row: number, data: Buffer, start: number, end: number): boolean {
    const from = row === 0 ? 0 : this.ends.at(row - 1);
    return this.ends.at(row) - from === end - start && sameBytes(data, start, end, this.bytes, from);
  }

  private index(): Int32Array {
    let size = 1024;
    while (size < this.count * 2) size *= 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let row = 0, from = 0; row < this.count; from = this.ends.at(row), row++) {
      const to = this.ends.at(row);
      let slot = hashBytes(this.bytes, from, to) & mask;
      while (slots[slot] !== 0 && !this.equals(slots[slot] - 1, this.bytes, from, to)) slot = (slot + 1) & mask;
      if (slots[slot] === 0) slots[slot] = row + 1;
    }
    this.slots = slots;
    return slots;
  }
}

/**
 * FNV-1a over bytes, then MurmurHash3's finaliser: FNV's low bits depend only on the bytes' low
 * bits, so keys of digits (P00000001, P00000002, …) would crowd into few slots of a table indexed
 * by them.
 */
function hashBytes(data: Buffer, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ data[i], 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** What a direct load reads with: the loads before it in this import, and the stored practices. */
export interface DirectLoadContext {
  patients?: LoadedKeys;
  plans?: LoadedKeys;
  practices: Set<string>;
}

export interface DirectLoad {
  /** The record table's columns, in the order the row writer gives them: the id first. */
  columns: string[];
  /** The first id the rows are given (taken from the table's sequence just before the COPY). */
  begin(firstId: number): void;
  /** Rows written so far, given the ids firstId, firstId + 1, … */
  rows(): number;
  write: RecordRowWriter;
  /** The same rows read as bytes: the same COPY text and the same keys kept. */
  writeBytes: RecordBytesWriter;
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
 * (its patients or plans were not loaded directly by this import). The rows are given their ids
 * here, from the one given to begin() on, rather than by the table's sequence row by row: that cost
 * PostgreSQL 0.4 µs a row.
 */
export function directLoad(spec: ExtractFileSpec & { file: DirectFile }, context: DirectLoadContext): DirectLoad | undefined {
  const names = spec.columns.map((c) => c.name);
  let firstId = 1;
  let nextId = 1;
  const begin = (id: number) => {
    firstId = id;
    nextId = id;
  };
  const rows = () => nextId - firstId;
  if (spec.file === 'patients.csv') {
    const keys = new LoadedKeys();
    const diedAt = names.indexOf('died_on');
    return {
      columns: ['id', 'pseudonym', ...names],
      begin,
      rows,
      keys,
      write: (values, pseudonym) => {
        keys.add(pseudonym, dayKey(values[diedAt]));
        return `${nextId++}\t${pseudonym}\t${values.join('\t')}\n`;
      },
      writeBytes: (row, out) => {
        keys.addBytes(row.key, row.keyStart, row.keyEnd, dayKeyAt(row.data, row.starts[diedAt]));
        out.integer(nextId++);
        out.tab();
        out.bytes(row.key, row.keyStart, row.keyEnd);
        out.tab();
        writeValues(row, out);
        return true;
      },
    };
  }
  if (spec.file === 'care_plan_reviews.csv') {
    const plans = context.plans;
    if (!plans?.usable) return undefined;
    const planAt = names.indexOf('plan_id');
    const reviewedAt = names.indexOf('reviewed_on');
    return {
      columns: ['id', 'care_plan_id', 'reviewed_on'],
      begin,
      rows,
      write: (values) => {
        const row = plans.rowOf(values[planAt]);
        // An unknown plan, or a review before its plan was agreed: the checks will say which.
        if (row === undefined || dayKey(values[reviewedAt]) < plans.dayOfRow(row)) return undefined;
        return `${nextId++}\t${plans.idOfRow(row)}\t${values[reviewedAt]}\n`;
      },
      writeBytes: (row, out) => {
        const { data, starts, ends } = row;
        const plan = plans.rowOfBytes(data, starts[planAt], ends[planAt]);
        if (plan === undefined || dayKeyAt(data, starts[reviewedAt]) < plans.dayOfRow(plan)) return false;
        out.integer(nextId++);
        out.tab();
        out.integer(plans.idOfRow(plan));
        out.tab();
        out.bytes(data, starts[reviewedAt], ends[reviewedAt]);
        out.newline();
        return true;
      },
    };
  }
  const patients = context.patients;
  if (!patients?.usable) return undefined;
  const practiceAt = names.indexOf('practice_code');
  const practices = context.practices;
  const practiceNumbers = new Set([...practices].filter((code) => PRACTICE_CODE_PATTERN.test(code)).map(practiceNumber));
  const planKeys = spec.file === 'care_plans.csv' ? new LoadedKeys() : undefined;
  const planAt = names.indexOf('plan_id');
  const agreedAt = names.indexOf('agreed_on');
  const registrations = spec.file === 'registrations.csv' ? new LoadedRegistrations() : undefined;
  const registeredAt = names.indexOf('registered_on');
  const deregisteredAt = names.indexOf('deregistered_on');
  return {
    columns: ['id', 'patient_id', ...names],
    begin,
    rows,
    keys: planKeys,
    registrations,
    write: (values, pseudonym, line) => {
      const row = patients.rowOf(pseudonym);
      if (row === undefined) return undefined;
      if (practiceAt >= 0 && !practices.has(values[practiceAt])) return undefined;
      planKeys?.add(values[planAt], dayKey(values[agreedAt]));
      registrations?.add(row, practiceAt >= 0 ? practiceNumber(values[practiceAt]) : 0, dayKey(values[registeredAt]), dayKey(values[deregisteredAt]), line);
      return `${nextId++}\t${patients.idOfRow(row)}\t${values.join('\t')}\n`;
    },
    writeBytes: (byteRow, out) => {
      const { data, starts, ends } = byteRow;
      const row = patients.rowOfBytes(byteRow.key, byteRow.keyStart, byteRow.keyEnd);
      if (row === undefined) return false;
      const practice = practiceAt >= 0 ? practiceNumberAt(data, starts[practiceAt]) : 0;
      if (practiceAt >= 0 && !practiceNumbers.has(practice)) return false;
      planKeys?.addBytes(data, starts[planAt], ends[planAt], dayKeyAt(data, starts[agreedAt]));
      registrations?.add(row, practice, dayKeyAt(data, starts[registeredAt]), dayKeyAt(data, starts[deregisteredAt]), byteRow.line);
      out.integer(nextId++);
      out.tab();
      out.integer(patients.idOfRow(row));
      out.tab();
      writeValues(byteRow, out);
      return true;
    },
  };
}

/** The row's values as COPY text, tab-separated, and its line break. */
function writeValues(row: ByteRow, out: CopyOutput): void {
  const { data, starts, ends } = row;
  for (let i = 0; i < starts.length; i++) {
    if (i > 0) out.tab();
    if (starts[i] < 0) out.null();
    else out.bytes(data, starts[i], ends[i]);
  }
  out.newline();
}
