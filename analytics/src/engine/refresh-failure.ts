/** What a failed refresh's message may name. */
export interface RefreshFailureContext {
  /** The snapshot folder: where every file of a refresh is written. */
  snapshotDir: string;
  /** The Postgres the records come from; only its host and port are named. */
  pgUrl?: string;
  /** DuckDB's memory limit of the build, when the refresh set it. */
  memoryLimit?: string;
}

/**
 * A failed step of a refresh: `message` says in plain words what failed, where and what to do; `detail` keeps the
 * original error (DuckDB's, Postgres's or the system's text and fields) for the log.
 */
export class RefreshStepError extends Error {
  constructor(
    message: string,
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'RefreshStepError';
  }
}

/** A failed refresh, as stored and shown: which snapshot keeps serving and why the refresh failed (see RefreshStepError). */
export class SnapshotRefreshError extends Error {
  constructor(
    message: string,
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'SnapshotRefreshError';
  }
}

interface ErrorFields {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  severity?: unknown;
  cause?: unknown;
  driverError?: unknown;
  detail?: unknown;
}

// Errors are read by their fields, not instanceof: DuckDB's and pg's errors may come from another realm (jest's).
const fields = (error: unknown): ErrorFields => (typeof error === 'object' && error !== null ? (error as ErrorFields) : {});
const messageOf = (error: unknown): string => {
  const { message } = fields(error);
  return typeof message === 'string' ? message : String(error);
};

/** `Invalid Input Error: …`, `Out of Memory Error: …`: how DuckDB begins its messages. */
const DUCKDB_MESSAGE = /^([A-Za-z][A-Za-z ]*?) Error: /;
/** Postgres's SQLSTATE, as pg gives it on a server's error. */
const SQLSTATE = /^[0-9A-Z]{5}$/;
/** The system's errno names (fs, net), not Node's own ERR_ codes. */
const ERRNO = /^E(?!RR_)[A-Z0-9_]+$/;

type Kind = 'duckdb' | 'postgres' | 'system' | 'connection' | 'node';

function kindOf(error: unknown): Kind | undefined {
  const { code, severity } = fields(error);
  if (typeof code === 'string' && SQLSTATE.test(code) && typeof severity === 'string') return 'postgres';
  if (typeof code === 'string' && ERRNO.test(code)) return 'system';
  // The copy's stream from Postgres, ended before its end.
  if (code === 'ERR_STREAM_PREMATURE_CLOSE') return 'connection';
  if (typeof code === 'string' && code.startsWith('ERR_')) return 'node';
  const message = messageOf(error);
  // pg's client, when the server closes the connection (no code).
  if (/^Connection terminated|^Client has encountered a connection error/.test(message)) return 'connection';
  return DUCKDB_MESSAGE.test(message) ? 'duckdb' : undefined;
}

/** The innermost error of the cause chain (TypeORM's driverError included) that says what went wrong, if any. */
function rootOf(error: unknown): unknown {
  let found: unknown;
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    if (kindOf(current) !== undefined) found = current;
    const { cause, driverError } = fields(current);
    current = driverError ?? cause;
  }
  return found;
}

const RETRY = 'then refresh again';
const SEE_LOG = 'the detail is in the log';

function postgresAt(pgUrl: string | undefined): string {
  if (!pgUrl) return 'PostgreSQL';
  try {
    const url = new URL(pgUrl);
    return `PostgreSQL at ${url.hostname || 'localhost'}:${url.port || '5432'}`;
  } catch {
    return 'PostgreSQL';
  }
}

/** Plain words for a failure of the system (files, network), e.g. ENOSPC writing into the snapshot folder. */
function systemReason(code: string, context: RefreshFailureContext): string {
  const dir = context.snapshotDir;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `the disk holding ${dir} is full; free space there, ${RETRY}`;
    case 'EACCES':
    case 'EPERM':
      return `PCSP Insights may not write to ${dir} (permission denied); let the user it runs as write there, ${RETRY}`;
    case 'EROFS':
      return `${dir} is on a read-only disk; give PCSP Insights a writable folder, ${RETRY}`;
    case 'ENOTDIR':
      return `part of the path ${dir} is a file, not a folder; give PCSP Insights a folder there, ${RETRY}`;
    case 'EMFILE':
    case 'ENFILE':
      return `too many files are open on this machine; refresh again when fewer are`;
    case 'ENOMEM':
      return `this machine ran out of memory; refresh again when it is less busy`;
    case 'ECONNREFUSED':
      return `${postgresAt(context.pgUrl)} refused the connection; check that the database server is running, ${RETRY}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host of ${postgresAt(context.pgUrl)} was not found; check the database's address (DATABASE_URL), ${RETRY}`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${postgresAt(context.pgUrl)} could not be reached; check the network and that the database server is running, ${RETRY}`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `the connection to PostgreSQL was lost; check that the database server is running, ${RETRY}`;
    default:
      return `a file or network operation failed (${code}); ${SEE_LOG}`;
  }
}

/** Plain words for an error of the Postgres server, by its SQLSTATE; `table` is the one being read, when known. */
function postgresReason(code: string, message: string, context: RefreshFailureContext, table: string | undefined): string {
  const the = table === undefined ? 'a record table' : `table ${table}`;
  if (code === '42P01') return `${the} does not exist in the database; apply the migrations (pcsp migrate), ${RETRY}`;
  if (code === '42703') {
    const column = /column "?([\w.]+)"? does not exist/.exec(message)?.[1];
    return `${the} has no column ${column ?? 'the refresh reads'}; apply the migrations (pcsp migrate), ${RETRY}`;
  }
  if (code === '42501') return `the database user may not read ${the}; grant it SELECT on the record tables, ${RETRY}`;
  if (code === '57014') return `PostgreSQL cancelled the query (a statement timeout, or an administrator); ${RETRY}`;
  if (code === '53100') return `the database server's disk is full; free space there, ${RETRY}`;
  if (code === '53200') return `the database server ran out of memory; refresh again when it is less busy`;
  if (code === '53300') return `PostgreSQL accepts no more connections; refresh again when fewer are open`;
  if (code === '28P01' || code === '28000') return `PostgreSQL refused the user name or password; check DATABASE_URL, ${RETRY}`;
  if (code === '3D000') return `the database does not exist on ${postgresAt(context.pgUrl)}; check DATABASE_URL, ${RETRY}`;
  // Class 08 (connection exception) and 57P (the server shutting down or ending the connection).
  if (code.startsWith('08') || code.startsWith('57P')) return `the connection to PostgreSQL was lost; check that the database server is running, ${RETRY}`;
  return `PostgreSQL reported an error (SQLSTATE ${code}); ${SEE_LOG}`;
}

/**
 * The checks of the records the build raises with DuckDB's error() (patient-state.sql): each with words that say what
 * to look at. Their text is matched as written there.
 */
const RECORD_CHECKS: readonly { pattern: RegExp; reason: (match: RegExpExecArray) => string }[] = [
  {
    pattern: /^more than (\d+) practices: /,
    reason: ([, limit]) =>
      `the records name more than ${limit} practices, more than the analytics engine can count (England has about 6,300); ` +
      `check the practice codes of the organisations and registrations imported, ${RETRY}`,
  },
  {
    pattern: /^practice (\S+) has (\d+) registration spans: counts are summed exactly only for fewer than (\d+) per practice/,
    reason: ([, practice, spans, limit]) =>
      `practice ${practice} has ${spans} registration spans, more than the analytics engine counts exactly (fewer than ${limit} ` +
      `per practice; England's largest practices have about a tenth of that); check the registrations imported for practice ` +
      `${practice}, ${RETRY}`,
  },
];

/** Plain words for a DuckDB error, and whether it is a check of the records (which stops a step rather than failing it). */
function duckdbReason(kind: string, text: string, context: RefreshFailureContext): { reason: string; check: boolean } {
  if (/No space left on device|Disk quota exceeded/i.test(text)) return { reason: systemReason('ENOSPC', context), check: false };
  if (kind === 'Out of Memory') {
    const limit = context.memoryLimit === undefined ? '' : ` (it may use up to ${context.memoryLimit})`;
    return {
      reason: `the analytics engine (DuckDB) ran out of memory${limit}; refresh again when this machine is less busy, and if it fails again the machine needs more memory for these records`,
      check: false,
    };
  }
  if (kind === 'IO') {
    if (/Permission denied|Operation not permitted/i.test(text)) return { reason: systemReason('EACCES', context), check: false };
    if (/Read-only file system/i.test(text)) return { reason: systemReason('EROFS', context), check: false };
    return { reason: `the analytics engine (DuckDB) could not read or write a file in ${context.snapshotDir}; ${SEE_LOG}`, check: false };
  }
  if (kind === 'Invalid Input') {
    for (const check of RECORD_CHECKS) {
      const match = check.pattern.exec(text);
      if (match) return { reason: check.reason(match), check: true };
    }
  }
  if (kind === 'Interrupt') return { reason: 'the refresh was interrupted; refresh again', check: false };
  return { reason: `the analytics engine (DuckDB) failed unexpectedly (${kind} Error); ${SEE_LOG}`, check: false };
}

/**
 * The original error for the log, in one line or a few: each message of the cause chain with the facts the error
 * carries (Postgres's SQLSTATE, position and routine; the system's errno and path). Stacks stay on the error itself.
 */
export function errorDetail(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    if (typeof current !== 'object') {
      parts.push(String(current));
      break;
    }
    const facts = Object.entries(current)
      .filter(([key, value]) => !['message', 'stack', 'name', 'cause', 'length'].includes(key) && ['string', 'number', 'boolean'].includes(typeof value))
      .map(([key, value]) => `${key} ${String(value)}`);
    const { name } = fields(current);
    parts.push(`${typeof name === 'string' ? name : 'Error'}: ${messageOf(current)}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`);
    const { cause, driverError } = fields(current);
    current = driverError ?? cause;
  }
  return parts.join('; caused by ');
}

/**
 * The failure of a step of a refresh (`step`: what was being done, e.g. "computing the measures") in plain words, with
 * the original error kept as its detail. A message already written for people (the engine's own, such as "from must be
 * a month YYYY-MM") is kept as it is; DuckDB's, Postgres's and the system's are put in words that name what failed,
 * where, and what to do. `table` is the record table being copied, when known.
 */
export function refreshStepError(step: string, error: unknown, context: RefreshFailureContext, table?: string): RefreshStepError {
  const { name, detail } = fields(error);
  if (name === 'RefreshStepError' && typeof detail === 'string') return error as RefreshStepError;
  const root = rootOf(error);
  const described = `${step} (${context.snapshotDir}): ${errorDetail(error)}`;
  const make = (reason: string, verb = 'failed') => new RefreshStepError(`${step} ${verb}: ${reason}`, described, { cause: error });
  if (root !== undefined) {
    const message = messageOf(root);
    const code = String(fields(root).code ?? '');
    switch (kindOf(root)) {
      case 'postgres':
        return make(postgresReason(code, message, context, table));
      case 'system':
        return make(systemReason(code, context));
      case 'connection':
        return make(`the connection to PostgreSQL was lost; check that the database server is running, ${RETRY}`);
      case 'node':
        return make(`PCSP Insights met an unexpected error (${code}); ${SEE_LOG}`);
      case 'duckdb': {
        const [prefix, kind] = DUCKDB_MESSAGE.exec(message) as RegExpExecArray;
        const { reason, check } = duckdbReason(kind, message.slice(prefix.length), context);
        return make(reason, check ? 'stopped at a check of the records' : 'failed');
      }
    }
  }
  if (name === 'RangeError' && /allocation failed|out of memory/i.test(messageOf(error))) {
    return make(`this machine ran out of memory; refresh again when it is less busy`);
  }
  // Anything else is ours: an engine's message for people, kept, or a fault of the program (TypeError and the like).
  const plain = name === 'SnapshotRefreshError' || (name === 'Error' && fields(error).code === undefined);
  if (plain) return new RefreshStepError(messageOf(error), described, { cause: error });
  return make(`PCSP Insights met an unexpected ${typeof name === 'string' ? name : 'error'}; ${SEE_LOG}`);
}

/** The record table named by a failure of the Postgres copy (its own wrapper, or DuckDB's reading of the table's file). */
export function copiedTableOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const message = messageOf(current);
    const table = /^copying (\w+) out of Postgres failed: /.exec(message)?.[1] ?? /pcsp-copy-[^/\\"]*[/\\](\w+)\.(?:txt|csv)/.exec(message)?.[1];
    if (table !== undefined) return table;
    current = fields(current).cause;
  }
  return undefined;
}
