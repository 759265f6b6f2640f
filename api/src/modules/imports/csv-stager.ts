import { isUtf8 } from 'node:buffer';
import { CsvError } from 'csv-parse';
import { patientIdPassesAsIs, sameBytes } from './byte-values';
import { CopyOutput } from './copy-output';
import { CsvRecordReader, LineTooLongError, MAX_LINE_BYTES } from './csv-records';
import {
  COPY_NULL,
  IDENTITY_COLUMNS,
  observationOutOfRangeAt,
  observationRangeProblem,
  type ColumnSpec,
  type ExtractFileSpec,
  type IdentityColumn,
} from './extract-files';
import { checkPatientId, maskIdentifier, type IdentityResult, type NhsNumberPseudonymiser } from './patient-identity';

/** A problem found in a file; `line` is 1-based with the header on line 1, null for the whole file. */
export interface FileIssue {
  severity: 'error' | 'warning';
  line: number | null;
  column: string | null;
  value: string | null;
  rule: string;
}

export interface StageSink {
  issue(issue: FileIssue): void;
  /** COPY text for the staging table; resolves when it may be given more. */
  write(copy: Buffer): Promise<void>;
  bytes(count: number): void;
  rows(count: number): void;
}

export interface StageResult {
  /** The header was usable: rows were read and checked. */
  readable: boolean;
  identity: IdentityColumn | null;
  rowsRead: number;
  rowsStaged: number;
  /** A direct load stopped at its first problem (see RecordRowWriter): the file must be read again into staging. */
  abandoned?: boolean;
}

/**
 * For a COPY straight into the record table on a first load: the COPY text of a checked row (its
 * values as the file spec orders them, the patient's pseudonym, its line), or undefined when the
 * row names something this load cannot resolve. The first row that fails a check or is not
 * resolved ends the read (`abandoned`): the file is read again into staging, whose checks name
 * every problem, so a direct load needs neither line numbers nor messages.
 */
export type RecordRowWriter = (values: string[], pseudonym: string, line: number) => string | undefined;

/** A row read as bytes, every value of it passing its check as it is (see byte-values). */
export interface ByteRow {
  data: Buffer;
  /** Per column of the file spec, in its order: where its value is in data; −1 for none (COPY's NULL). */
  starts: Int32Array;
  ends: Int32Array;
  /** The patient's pseudonym, key[keyStart, keyEnd) (patient-level files). */
  key: Buffer;
  keyStart: number;
  keyEnd: number;
  line: number;
}

/**
 * A RecordRowWriter for rows read as bytes: the same COPY text into `out`. False, having written
 * and kept nothing, when the row names something this load cannot resolve: the row is then read
 * as strings, and the RecordRowWriter refuses it.
 */
export type RecordBytesWriter = (row: ByteRow, out: CopyOutput) => boolean;

const SHOWN_LIMIT = 100;
const FLUSH_AT = 256 * 1024;

/** How a value appears in a message: patient identifiers masked, long text cut. */
const shown = (raw: string): string => (raw.length > SHOWN_LIMIT ? `${raw.slice(0, SHOWN_LIMIT)}…` : raw);

const lineBreaks = (value: string): number => {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 10) count++;
    else if (c === 13 && value.charCodeAt(i + 1) !== 10) count++;
  }
  return count;
};

/** Length of the buffer without a multi-byte UTF-8 sequence cut at its end. */
function completeUtf8Length(buffer: Buffer): number {
  for (let i = buffer.length - 1, back = 0; i >= 0 && back < 4; i--, back++) {
    const byte = buffer[i];
    if ((byte & 0xc0) === 0x80) continue;
    const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return i + size <= buffer.length ? buffer.length : i;
  }
  return buffer.length;
}

/** Offset of the first byte that is not valid UTF-8 (the buffer is known to hold one). */
function firstInvalidUtf8(buffer: Buffer): number {
  let good = 0;
  let bad = buffer.length;
  while (bad - good > 1) {
    const middle = (good + bad) >> 1;
    const prefix = buffer.subarray(0, middle);
    if (isUtf8(prefix.subarray(0, completeUtf8Length(prefix)))) good = middle;
    else bad = middle;
  }
  return good;
}

const countNewlines = (buffer: Buffer, end = buffer.length): number => {
  let count = 0;
  for (let at = buffer.indexOf(10); at !== -1 && at < end; at = buffer.indexOf(10, at + 1)) count++;
  return count;
};

interface BoundColumn {
  spec: ColumnSpec;
  index: number;
}

/**
 * Reads one CSV file as a stream, checks the header and every row against the file's contract,
 * pseudonymises NHS numbers, and writes the rows that pass as COPY text for the staging table
 * `(line, pseudonym, shown, <columns>)` (the two identity columns only for patient-level files).
 */
export async function stageCsvFile(
  input: AsyncIterable<Buffer>,
  spec: ExtractFileSpec,
  pseudonymiser: NhsNumberPseudonymiser,
  sink: StageSink,
  recordRow?: RecordRowWriter,
  recordBytes?: RecordBytesWriter,
  maxLineBytes = MAX_LINE_BYTES,
): Promise<StageResult> {
  const result: StageResult = { readable: false, identity: null, rowsRead: 0, rowsStaged: 0 };
  let fatal = false;
  const error = (line: number | null, column: string | null, value: string | null, rule: string) => {
    sink.issue({ severity: 'error', line, column, value, rule });
    if (recordRow) abandon();
  };
  const abandon = () => {
    result.abandoned = true;
    fatal = true;
  };

  let headerSeen = false;
  let headerLength = 0;
  let identityIndex = -1;
  let identity: IdentityColumn | null = null;
  let bound: BoundColumn[] = [];
  const orderChecks: { later: number; earlier: number; orEqual: boolean; column: string; after: string }[] = [];
  let rangeCode = -1;
  let rangeValue = -1;

  let nextLine = 1;
  let quotesSeen = false;
  let pendingFieldCount: { line: number; fields: number } | undefined;
  let newlinesBefore = 0;
  const out = new CopyOutput();
  let rowsSinceReport = 0;

  const readHeader = (record: string[]): void => {
    headerSeen = true;
    headerLength = record.length;
    const known = new Set<string>([...spec.columns.map((c) => c.name), ...(spec.patientLevel ? IDENTITY_COLUMNS : [])]);
    const expected = [...(spec.patientLevel ? ['nhs_number or patient_id'] : []), ...spec.columns.map((c) => c.name)].join(', ');
    const seen = new Set<string>();
    let ok = true;
    record.forEach((name) => {
      // Quoted unless a plain name, so that a space around it or an empty name can be seen in a message.
      const shownName = /^[A-Za-z0-9_]+$/.test(name) ? name : JSON.stringify(name);
      if (seen.has(name)) {
        error(1, shownName, null, 'column appears more than once in the header');
        ok = false;
      } else if (!known.has(name)) {
        const spaced = name !== name.trim() && known.has(name.trim()) ? `: remove the spaces around ${name.trim()}` : '';
        error(1, shownName, null, `unknown column${spaced} (the columns of ${spec.file} are ${expected})`);
        ok = false;
      }
      seen.add(name);
    });
    if (spec.patientLevel) {
      const present = IDENTITY_COLUMNS.filter((name) => seen.has(name));
      if (present.length === 0) {
        error(1, null, null, 'a patient identity column is missing: the header needs exactly one of nhs_number or patient_id');
        ok = false;
      } else if (present.length === 2) {
        error(1, 'nhs_number, patient_id', null, 'both nhs_number and patient_id are present: the header needs exactly one of them');
        ok = false;
      } else {
        identity = present[0];
        identityIndex = record.indexOf(identity);
      }
    }
    for (const column of spec.columns) {
      if (!column.optional && !seen.has(column.name)) {
        error(1, column.name, null, 'required column is missing from the header');
        ok = false;
      }
    }
    bound = spec.columns.map((column) => ({ spec: column, index: record.indexOf(column.name) }));
    const at = (name: string) => spec.columns.findIndex((c) => c.name === name);
    for (const order of spec.dateOrders) {
      orderChecks.push({ later: at(order.column), earlier: at(order.after), orEqual: order.orEqual, column: order.column, after: order.after });
    }
    if (spec.file === 'observations.csv') {
      rangeCode = at('code');
      rangeValue = at('value');
    }
    result.readable = ok;
    result.identity = identity;
    if (!ok) fatal = true;
    fieldStarts = new Int32Array(headerLength + 1);
    byteRow.starts = new Int32Array(bound.length);
    byteRow.ends = new Int32Array(bound.length);
  };

  const reportFieldCount = (last: boolean): void => {
    if (!pendingFieldCount) return;
    const { line, fields } = pendingFieldCount;
    pendingFieldCount = undefined;
    const truncated = last && fields < headerLength ? ': the file looks truncated' : '';
    error(line, null, null, `has ${fields} field${fields === 1 ? '' : 's'} but the header has ${headerLength}${truncated}`);
  };

  const values: string[] = [];
  let lastIdentity: string | undefined;
  let lastChecked: IdentityResult = { rule: '' };
  const checkRow = (record: string[], line: number): void => {
    result.rowsRead++;
    rowsSinceReport++;
    if (record.length !== headerLength) {
      // Reported when the next row arrives, so that a short last line can be called a truncation.
      pendingFieldCount = { line, fields: record.length };
      return;
    }
    let ok = true;
    let pseudonym = '';
    let masked = COPY_NULL;
    if (identityIndex >= 0) {
      const raw = record[identityIndex];
      if (raw === '') {
        error(line, identity, null, 'required: must not be empty');
        ok = false;
      } else {
        // A patient's rows come together: the same identifier is checked (and pseudonymised) once.
        const checked: IdentityResult =
          raw === lastIdentity ? lastChecked : identity === 'nhs_number' ? pseudonymiser.pseudonymise(raw) : checkPatientId(raw);
        lastIdentity = raw;
        lastChecked = checked;
        if ('rule' in checked) {
          error(line, identity, maskIdentifier(raw), checked.rule);
          ok = false;
        } else {
          pseudonym = checked.pseudonym;
          if (identity === 'nhs_number' && !recordRow) masked = maskIdentifier(raw.replaceAll(' ', ''));
        }
      }
    }
    for (let i = 0; i < bound.length; i++) {
      const { spec: column, index } = bound[i];
      const raw = index >= 0 ? record[index] : '';
      if (raw === '') {
        if (!column.optional) {
          error(line, column.name, null, 'required: must not be empty');
          ok = false;
        }
        values[i] = COPY_NULL;
        continue;
      }
      const checked = column.check(raw);
      if (typeof checked === 'string') values[i] = checked;
      else {
        error(line, column.name, shown(raw), checked.rule);
        values[i] = '';
        ok = false;
      }
    }
    for (const order of orderChecks) {
      const later = values[order.later];
      const earlier = values[order.earlier];
      if (later === COPY_NULL || earlier === COPY_NULL || later === '' || earlier === '') continue;
      if (order.orEqual ? later < earlier : later <= earlier) {
        error(line, order.column, later, `must be ${order.orEqual ? 'on or after' : 'after'} ${order.after} (${earlier})`);
        ok = false;
      }
    }
    if (rangeCode >= 0 && values[rangeCode] !== '' && values[rangeValue] !== '') {
      const problem = observationRangeProblem(values[rangeCode], values[rangeValue]);
      if (problem) {
        error(line, 'value', values[rangeValue], problem);
        ok = false;
      }
    }
    const text = !ok
      ? undefined
      : recordRow
        ? recordRow(values, pseudonym, line)
        : identityIndex >= 0
          ? `${line}\t${pseudonym}\t${masked}\t${values.join('\t')}\n`
          : `${line}\t${values.join('\t')}\n`;
    if (text === undefined) {
      if (recordRow) abandon();
      return;
    }
    out.text(text);
    result.rowsStaged++;
  };

  // A direct load's rows are first read as bytes: a row whose every value passes its check as it is
  // goes to recordBytes with no string made; any other row (a value to rewrite or refuse, a field
  // count to report) is read as strings above, which decide it.
  let fieldStarts = new Int32Array(0);
  const byteRow: ByteRow = { data: Buffer.alloc(0), starts: new Int32Array(0), ends: new Int32Array(0), key: Buffer.alloc(0), keyStart: 0, keyEnd: 0, line: 0 };
  let lastRaw = Buffer.alloc(0);
  let lastKey = Buffer.alloc(0);
  const identityAsIs = (data: Buffer, start: number, end: number): boolean => {
    if (identity === 'patient_id') {
      if (!patientIdPassesAsIs(data, start, end)) return false;
      byteRow.key = data;
      byteRow.keyStart = start;
      byteRow.keyEnd = end;
      return true;
    }
    if (end - start !== lastRaw.length || !sameBytes(data, start, end, lastRaw, 0)) {
      const checked = pseudonymiser.pseudonymise(data.toString('utf8', start, end));
      if ('rule' in checked) return false;
      lastRaw = Buffer.from(data.subarray(start, end));
      lastKey = Buffer.from(checked.pseudonym, 'latin1');
    }
    byteRow.key = lastKey;
    byteRow.keyStart = 0;
    byteRow.keyEnd = lastKey.length;
    return true;
  };
  const onLine = (data: Buffer, start: number, end: number): boolean => {
    if (fatal) return true;
    if (!headerSeen || start === end || pendingFieldCount || !recordBytes) return false;
    // Field j is data[fields[j], fields[j + 1] − 1).
    const fields = fieldStarts;
    let count = 1;
    fields[0] = start;
    for (let i = start; i < end; i++) {
      if (data[i] !== 44) continue;
      if (count === headerLength) return false;
      fields[count++] = i + 1;
    }
    if (count !== headerLength) return false;
    fields[count] = end + 1;
    if (identityIndex >= 0 && !identityAsIs(data, fields[identityIndex], fields[identityIndex + 1] - 1)) return false;
    const { starts, ends } = byteRow;
    for (let i = 0; i < bound.length; i++) {
      const { spec: column, index } = bound[i];
      const from = index >= 0 ? fields[index] : 0;
      const to = index >= 0 ? fields[index + 1] - 1 : 0;
      if (from === to) {
        if (!column.optional) return false;
        starts[i] = -1;
        ends[i] = -1;
      } else if (column.passesAsIs(data, from, to)) {
        starts[i] = from;
        ends[i] = to;
      } else {
        return false;
      }
    }
    for (const order of orderChecks) {
      const later = starts[order.later];
      const earlier = starts[order.earlier];
      if (later < 0 || earlier < 0) continue;
      // Dates that passed as they are: YYYY-MM-DD, whose bytes compare as the dates do.
      const compared = data.compare(data, earlier, ends[order.earlier], later, ends[order.later]);
      if (order.orEqual ? compared < 0 : compared <= 0) return false;
    }
    if (rangeCode >= 0 && observationOutOfRangeAt(data, starts[rangeCode], ends[rangeCode], starts[rangeValue], ends[rangeValue])) return false;
    byteRow.data = data;
    byteRow.line = nextLine;
    if (!recordBytes(byteRow, out)) return false;
    nextLine++;
    result.rowsRead++;
    rowsSinceReport++;
    result.rowsStaged++;
    return true;
  };

  const onRecord = (record: string[]): void => {
    if (fatal) return;
    const line = nextLine;
    if (quotesSeen) for (const field of record) nextLine += lineBreaks(field);
    nextLine++;
    if (!headerSeen) {
      readHeader(record);
      return;
    }
    if (record.length === 1 && record[0] === '') return; // a blank line
    reportFieldCount(false);
    checkRow(record, line);
  };

  const records = new CsvRecordReader(onRecord, recordBytes ? onLine : undefined, maxLineBytes);

  const flush = async (): Promise<void> => {
    if (out.length === 0) return;
    await sink.write(out.take());
  };

  let carry: Buffer | undefined;
  let bytesSeen = 0;
  for await (const chunk of input) {
    sink.bytes(chunk.length);
    bytesSeen += chunk.length;
    let data = carry ? Buffer.concat([carry, chunk]) : chunk;
    const complete = completeUtf8Length(data);
    carry = complete < data.length ? Buffer.from(data.subarray(complete)) : undefined;
    data = data.subarray(0, complete);
    const nul = data.indexOf(0);
    if (nul !== -1) {
      error(newlinesBefore + countNewlines(data, nul) + 1, null, null, 'contains a NUL byte: not a text CSV file');
      fatal = true;
      break;
    }
    if (!isUtf8(data)) {
      const at = firstInvalidUtf8(data);
      error(newlinesBefore + countNewlines(data, at) + 1, null, null, 'is not UTF-8 text (an invalid byte sequence): save the file as UTF-8 CSV');
      fatal = true;
      break;
    }
    newlinesBefore += countNewlines(data);
    if (!quotesSeen && data.indexOf(34) !== -1) quotesSeen = true;
    records.write(data);
    if (records.error !== undefined || fatal) break;
    if (out.length >= FLUSH_AT) await flush();
    if (rowsSinceReport > 0) {
      sink.rows(rowsSinceReport);
      rowsSinceReport = 0;
    }
  }
  if (!fatal && carry) {
    error(newlinesBefore + 1, null, null, 'ends inside a UTF-8 character: the file looks truncated or is not UTF-8 text');
    fatal = true;
  }
  await records.end();
  if (records.error !== undefined && !fatal) {
    reportParseError(records.error, nextLine, error);
    fatal = true;
  }
  if (!fatal && !headerSeen) {
    error(null, null, null, bytesSeen === 0 ? 'the file is empty: a header row is required' : 'has no header row');
    result.readable = false;
  }
  reportFieldCount(!fatal);
  if (rowsSinceReport > 0) sink.rows(rowsSinceReport);
  await flush();
  return result;
}

function reportParseError(
  cause: unknown,
  line: number,
  error: (line: number | null, column: string | null, value: string | null, rule: string) => void,
): void {
  if (cause instanceof LineTooLongError) {
    error(line, null, null, `is longer than ${thousands(cause.maxBytes)} bytes, far longer than any row of an extract: is each row on a line of its own?`);
    return;
  }
  // csv-parse's own messages quote field values, which may be patient identifiers: never pass them on.
  const code = cause instanceof CsvError ? cause.code : undefined;
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      error(line, null, null, 'a quoted field is never closed: the file looks truncated or is not CSV');
      return;
    case 'INVALID_OPENING_QUOTE':
      error(line, null, null, 'a quote inside an unquoted field: not valid CSV (quote the whole field and double the quote)');
      return;
    case 'CSV_INVALID_CLOSING_QUOTE':
      error(line, null, null, 'a closing quote is followed by a character other than a comma or line break: not valid CSV');
      return;
    default:
      error(line, null, null, `not valid CSV${code ? ` (${code})` : ''}`);
  }
}

const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
