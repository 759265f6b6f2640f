import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import {
  openImportJob,
  releaseImportJob,
  findImportJob,
  localToday,
  poolOf,
  runImportJobOn,
  type ImportDatabase,
  type ImportExtractOptions,
  type ImportJobRecord,
  type LocatedIssue,
} from '../imports/extract-import';
import { extractFileSpecs, type ExtractFileName } from '../imports/extract-files';
import { ExtractSourceError, openExtractSources, type ExtractEntry } from '../imports/extract-sources';
import { stageCsvFile, type FileIssue } from '../imports/csv-stager';
import { NhsNumberPseudonymiser } from '../imports/patient-identity';
import { loadFhirCodeLists } from './code-lists';
import { jsonSyntaxError } from './json-syntax-error';
import {
  CONTRACT_COLUMNS,
  CONTRACT_FILES,
  FHIR_RESOURCE_TYPES,
  FhirToContract,
  type ColumnPaths,
  type ContractFile,
  type ContractRowSink,
  type ResourceIssue,
  type ResourcePlace,
} from './fhir-to-contract';

const BUNDLE_TYPES = ['transaction', 'batch', 'collection', 'searchset'];
const FLUSH_AT = 1 << 20;

/** True when the paths hold FHIR input (.ndjson files or .json Bundles) rather than a flat extract. */
export async function isFhirInput(paths: string[]): Promise<boolean> {
  const sources = await openExtractSources(paths).catch(() => undefined);
  if (!sources) return false;
  try {
    return sources.entries.some((entry) => /\.(ndjson|json)$/i.test(entry.name));
  } finally {
    await sources.close();
  }
}

/** Imports FHIR R4 NDJSON files and Bundles (folders, files or .zip files): what `pcsp import` and the upload run for FHIR input. */
export async function importFhir(database: ImportDatabase, paths: string[], options: ImportExtractOptions): Promise<ImportJobRecord> {
  // Opened with its lease held from the start: while the resources are mapped, before the contract rows run, another
  // process listing the jobs would otherwise take it for interrupted.
  const job = await openImportJob(database, options.source ?? paths.join(', '), options.requestedBy ?? null, 'fhir');
  try {
    return await runFhirImportJob(database, job.id, paths, options);
  } finally {
    await releaseImportJob(job.id);
  }
}

interface RowOrigins {
  source: number[];
  line: number[];
  entry: boolean[];
  resource: string[];
  paths: ColumnPaths[];
}

/** The contract files being written, in a scratch folder, with where each row came from. */
class ContractTables implements ContractRowSink {
  readonly origins = new Map<ContractFile, RowOrigins>();
  readonly issues: ResourceIssue[] = [];
  private readonly sources: string[] = [];
  private readonly streams = new Map<ContractFile, { stream: WriteStream; buffer: string[]; size: number }>();

  constructor(private readonly dir: string) {}

  /** Where each source file was read from (a path, or zip!entry), by name. */
  readonly sourceOrigins = new Map<string, string>();

  sourceName(index: number): string {
    return this.sources[index];
  }

  originOf(source: string): string {
    return this.sourceOrigins.get(source) ?? source;
  }

  row(file: ContractFile, values: readonly string[], place: ResourcePlace, resource: string, paths: ColumnPaths): void {
    let out = this.streams.get(file);
    if (!out) {
      out = { stream: createWriteStream(join(this.dir, file)), buffer: [`${CONTRACT_COLUMNS[file].join(',')}\n`], size: 0 };
      this.streams.set(file, out);
      this.origins.set(file, { source: [], line: [], entry: [], resource: [], paths: [] });
    }
    const text = `${values.map(csvValue).join(',')}\n`;
    out.buffer.push(text);
    out.size += text.length;
    const origins = this.origins.get(file) as RowOrigins;
    let source = this.sources.lastIndexOf(place.source);
    if (source === -1) source = this.sources.push(place.source) - 1;
    origins.source.push(source);
    origins.line.push(place.line);
    origins.entry.push(place.unit === 'entry');
    origins.resource.push(resource);
    origins.paths.push(paths);
  }

  issue(issue: ResourceIssue): void {
    this.issues.push(issue);
  }

  /** Writes what is buffered once it is large; awaited between resources, so memory stays bounded. */
  async flush(force = false): Promise<void> {
    for (const out of this.streams.values()) {
      if (!force && out.size < FLUSH_AT) continue;
      const text = out.buffer.join('');
      out.buffer = [];
      out.size = 0;
      if (!out.stream.write(text)) await new Promise<void>((resume) => out.stream.once('drain', () => resume()));
    }
  }

  async close(): Promise<ContractFile[]> {
    await this.flush(true);
    for (const out of this.streams.values()) await new Promise((done) => out.stream.end(done));
    return CONTRACT_FILES.filter((file) => this.streams.has(file));
  }
}

/** A CSV field: quoted when it must be; line breaks become spaces so that a row stays one line. */
const csvValue = (value: string): string => {
  const flat = /[\r\n]/.test(value) ? value.replace(/\r\n|[\r\n]/g, ' ') : value;
  return /[",]/.test(flat) ? `"${flat.replace(/"/g, '""')}"` : flat;
};

const describePlace = (place: { line: number; unit: 'line' | 'entry' }): string => (place.unit === 'entry' ? ` (entry ${place.line})` : '');

/**
 * The line of the file an issue is on: an NDJSON line; none for a Bundle entry, whose line JSON.parse does not
 * give (its number is in the rule), nor for the whole file (line 0: a .json file that is not a Bundle, a file of another kind).
 */
const lineOf = (place: { line: number; unit: 'line' | 'entry' }): number | null => (place.unit === 'entry' || place.line === 0 ? null : place.line);

/** Lines of an NDJSON entry, numbered from 1. */
async function* ndjsonLines(entry: ExtractEntry): AsyncGenerator<{ text: string; line: number }> {
  const input = await entry.open();
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      if (text.trim() !== '') yield { text, line };
    }
  } finally {
    lines.close();
    input.destroy();
  }
}

async function readAll(entry: ExtractEntry): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await entry.open()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The resource type of an NDJSON file: that of its first readable resource (an `$export` file holds
 * one type), so that an unreadable first line does not hide the type of the rest.
 */
async function ndjsonType(entry: ExtractEntry): Promise<string | undefined> {
  for await (const { text } of ndjsonLines(entry)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      continue;
    }
    const type = typeof parsed === 'object' && parsed !== null ? (parsed as { resourceType?: unknown }).resourceType : undefined;
    if (typeof type === 'string') return type;
  }
  return undefined;
}

/**
 * Runs a queued FHIR job: maps the resources to the flat extract's files in a scratch folder, then
 * imports those through the flat importer (the same checks, pseudonyms, job and issues; one transaction
 * per set of files sharing source files), with every issue named by resource, source file, line or
 * entry, and FHIR path.
 */
export async function runFhirImportJob(database: ImportDatabase, jobId: string, paths: string[], options: ImportExtractOptions): Promise<ImportJobRecord> {
  const pool = poolOf(database);
  const dir = await mkdtemp(join(tmpdir(), 'pcsp-fhir-'));
  try {
    const tables = new ContractTables(dir);
    const stored = await loadStoredKeys(pool);
    const pseudonymiser = new NhsNumberPseudonymiser(options.pseudonymKey);
    const converter = new FhirToContract(loadFhirCodeLists(), pseudonymiser, stored, tables);
    let sourceFailure: string | null = null;
    try {
      await convertSources(paths, converter, tables, options, jobId);
    } catch (error) {
      sourceFailure = error instanceof ExtractSourceError ? error.message : `the import stopped: ${error instanceof Error ? error.message : String(error)}`;
    }
    const written = await tables.close();
    if (sourceFailure !== null) {
      // The input could not be opened or listed (a missing path, a broken zip): nothing is applied, as for a flat extract.
      await pool.query(
        `UPDATE import_jobs SET status = 'failed', started_at = coalesce(started_at, now()), finished_at = now(), failure = $2, error_count = 1, fhir_report = $3 WHERE id = $1`,
        [jobId, sourceFailure, JSON.stringify(converter.tally)],
      );
      return (await findImportJob(pool, jobId)) as ImportJobRecord;
    }

    const preIssues: Partial<Record<ExtractFileName, LocatedIssue[]>> = {};
    for (const issue of tables.issues) {
      if (issue.file === null) continue;
      (preIssues[issue.file] ??= []).push(toLocatedIssue(issue));
    }
    const rejectedSources = rejectedSourcesOf(tables);
    const links = new SourceLinks(tables);
    for (const { file, issue } of await wholeSourceRejections(tables, links, dir, written, pseudonymiser, options.today ?? localToday())) {
      (preIssues[file] ??= []).push(issue);
    }
    // A file with mapping errors but no rows still needs its transaction, to be reported as rejected.
    const files = CONTRACT_FILES.filter((file) => written.includes(file) || preIssues[file]);
    // An upload's files are named as uploaded, not by the server's folder (as the flat importer names them).
    const origin = `FHIR: ${paths.map((path) => (options.originsRelativeTo === undefined ? path : relative(resolve(options.originsRelativeTo), path))).join(', ')}`;
    const entries: ExtractEntry[] = [];
    for (const file of files) {
      const path = join(dir, file);
      const exists = written.includes(file);
      entries.push({
        name: file,
        origin,
        size: exists ? (await stat(path)).size : 0,
        open: async () => (exists ? createReadStream(path, { highWaterMark: 256 * 1024 }) : Readable.from([Buffer.from(`${CONTRACT_COLUMNS[file].join(',')}\n`)])),
      });
    }
    const relocateIssue = (file: ExtractFileName, issue: FileIssue): LocatedIssue => {
      const origins = tables.origins.get(file as ContractFile);
      const row = issue.line === null ? -1 : issue.line - 2;
      if (!origins || row < 0 || row >= origins.line.length) return { ...issue, file: `${file} (from FHIR)` };
      const place = { line: origins.line[row], unit: origins.entry[row] ? ('entry' as const) : ('line' as const) };
      return {
        ...issue,
        file: tables.sourceName(origins.source[row]),
        line: lineOf(place),
        column: issue.column === null ? null : (origins.paths[row][issue.column] ?? issue.column),
        rule: `${origins.resource[row]}${describePlace(place)}: ${issue.rule}`,
      };
    };
    // Errors only the database finds (a duplicate key, a reference to a row not stored) come as each file is checked:
    // the files sharing source files are applied in one transaction, so that they too reject every file of the source.
    const job = await runImportJobOn(pool, jobId, async () => ({ entries, close: async () => undefined }), {
      ...options,
      preIssues,
      relocateIssue,
      rejectedSources,
      applyTogether: links.groups(),
      whyNotApplied: (file, rejected) => links.whyNotApplied(file as ContractFile, rejected as ContractFile[]),
    });
    await storeKeys(pool, job, converter);
    await recordFhirReport(pool, jobId, converter, paths);
    return (await findImportJob(pool, jobId)) as ImportJobRecord;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The source files with parts that could not be read (issues placed in no contract file), with those issues. */
function rejectedSourcesOf(tables: ContractTables): { name: string; origin: string; issues: LocatedIssue[] }[] {
  const bySource = new Map<string, LocatedIssue[]>();
  for (const issue of tables.issues) {
    if (issue.file !== null) continue;
    const list = bySource.get(issue.place.source) ?? [];
    list.push(toLocatedIssue(issue));
    bySource.set(issue.place.source, list);
  }
  return [...bySource].map(([name, issues]) => ({ name, origin: tables.originOf(name), issues }));
}

/** Which contract files hold rows (or mapping issues) of which source files. */
class SourceLinks {
  readonly filesOf = new Map<string, Set<ContractFile>>();
  readonly sourcesOf = new Map<ContractFile, Set<string>>();

  constructor(tables: ContractTables) {
    for (const [file, origins] of tables.origins) for (const index of new Set(origins.source)) this.link(tables.sourceName(index), file);
    for (const issue of tables.issues) if (issue.file !== null) this.link(issue.place.source, issue.file);
  }

  private link(source: string, file: ContractFile): void {
    this.filesOf.set(source, (this.filesOf.get(source) ?? new Set()).add(file));
    this.sourcesOf.set(file, (this.sourcesOf.get(file) ?? new Set()).add(source));
  }

  /** Contract files sharing a source file with this one. */
  private neighbours(file: ContractFile): ContractFile[] {
    return CONTRACT_FILES.filter((other) => other !== file && this.shared(file, other).length > 0);
  }

  /** Source files both contract files hold rows of. */
  shared(a: ContractFile, b: ContractFile): string[] {
    const of = this.sourcesOf.get(b) ?? new Set();
    return [...(this.sourcesOf.get(a) ?? [])].filter((source) => of.has(source)).sort();
  }

  /** The contract files linked through source files, transitively: each set commits whole or not at all. */
  groups(): ContractFile[][] {
    const seen = new Set<ContractFile>();
    const groups: ContractFile[][] = [];
    for (const file of CONTRACT_FILES) {
      if (seen.has(file) || !this.sourcesOf.has(file)) continue;
      const group = [file];
      seen.add(file);
      for (let i = 0; i < group.length; i++) {
        for (const next of this.neighbours(group[i])) {
          if (seen.has(next)) continue;
          seen.add(next);
          group.push(next);
        }
      }
      groups.push(group);
    }
    return groups;
  }

  /**
   * Why a contract file with no error is not applied, as files of its set (`rejected`) have errors: each of them it
   * shares a source file with, or else the file through which it is linked to them (itself rejected, saying why).
   */
  whyNotApplied(file: ContractFile, rejected: ContractFile[]): string[] {
    const said = (other: ContractFile) => `not applied: ${other} was rejected, and both hold resources of ${this.shared(file, other).join(', ')}`;
    const direct = CONTRACT_FILES.filter((other) => rejected.includes(other) && this.shared(file, other).length > 0);
    if (direct.length > 0) return direct.map(said);
    // Breadth first from the rejected files: the first file reached that shares a source file with this one.
    const reached = new Set<ContractFile>(rejected);
    for (let layer = [...rejected]; layer.length > 0; ) {
      const next: ContractFile[] = [];
      for (const at of layer) for (const other of this.neighbours(at)) if (!reached.has(other)) next.push(other);
      for (const other of next) reached.add(other);
      const link = CONTRACT_FILES.find((other) => other !== file && next.includes(other) && this.shared(file, other).length > 0);
      if (link) return [said(link)];
      layer = next;
    }
    return [`not applied: it is applied together with ${rejected.join(', ')}, which could not be applied`];
  }
}

/**
 * Data contract §1/§3: a file with any error commits nothing, and that holds for a source file too. The
 * contract files made from one source file are applied together (see SourceLinks.groups), and before any
 * is applied: the source files with an error anywhere (unreadable parts, mapping errors, and rows the
 * flat importer will refuse, found by its own row checks), then every contract file holding rows of one
 * of them, then the source files with rows in those, until nothing more is rejected. Each contract file so
 * rejected gets an error for every such source file of it, saying why. Checks that run in the database
 * (duplicate keys, references to rows not stored) come later, as each file is applied: a file they reject
 * rolls back the others of its group (whyNotApplied).
 */
async function wholeSourceRejections(
  tables: ContractTables,
  links: SourceLinks,
  dir: string,
  written: ContractFile[],
  pseudonymiser: NhsNumberPseudonymiser,
  today: string,
): Promise<{ file: ContractFile; issue: LocatedIssue }[]> {
  const { filesOf, sourcesOf } = links;
  // Where each source file's errors are: contract files, or the source file itself when a part of it could not be read.
  const errorsIn = new Map<string, Set<string>>();
  const erred = (source: string, where: string) => errorsIn.set(source, (errorsIn.get(source) ?? new Set()).add(where));
  for (const issue of tables.issues) {
    if (issue.severity === 'error') erred(issue.place.source, issue.file ?? issue.place.source);
  }
  const specs = extractFileSpecs(today);
  for (const file of written) {
    // A row error rejects this file anyway; read it twice only when that rejects more (a source of it has rows elsewhere).
    if (![...(sourcesOf.get(file) ?? [])].some((source) => (filesOf.get(source)?.size ?? 0) > 1)) continue;
    const origins = tables.origins.get(file) as RowOrigins;
    const input = createReadStream(join(dir, file), { highWaterMark: 256 * 1024 });
    await stageCsvFile(input, specs[file], pseudonymiser, {
      issue: (issue) => {
        if (issue.severity !== 'error') return;
        const row = issue.line === null ? -1 : issue.line - 2;
        const sources = row >= 0 && row < origins.source.length ? [tables.sourceName(origins.source[row])] : [...(sourcesOf.get(file) ?? [])];
        for (const source of sources) erred(source, file);
      },
      write: async () => undefined,
      bytes: () => undefined,
      rows: () => undefined,
    }).finally(() => input.destroy());
  }

  // Each rejected source file: its own errors, or the rejected contract file through which it was reached.
  const rejected = new Map<string, { errors: Set<string> } | { through: ContractFile }>();
  for (const [source, errors] of errorsIn) rejected.set(source, { errors });
  const rejectedFiles = new Set<ContractFile>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const source of [...rejected.keys()]) {
      for (const file of filesOf.get(source) ?? []) {
        if (rejectedFiles.has(file)) continue;
        rejectedFiles.add(file);
        grew = true;
        for (const other of sourcesOf.get(file) ?? []) if (!rejected.has(other)) rejected.set(other, { through: file });
      }
    }
  }

  const rejections: { file: ContractFile; issue: LocatedIssue }[] = [];
  const error = (file: ContractFile, rule: string, source: string = file, value: string | null = null) =>
    rejections.push({ file, issue: { severity: 'error', file: source, line: null, column: null, value, rule } });
  for (const file of CONTRACT_FILES.filter((f) => rejectedFiles.has(f))) {
    for (const source of [...(sourcesOf.get(file) ?? [])].sort()) {
      const why = rejected.get(source);
      if (!why) continue;
      if ('through' in why) {
        if (why.through !== file) error(file, `rejected because ${source} has resources in ${why.through}, which is rejected: see ${why.through}`);
      } else if (why.errors.has(source)) {
        error(file, `not applied: ${file} holds resources of ${source}, which could not be read in full (see its errors), and a file is applied whole or not at all`, source, file);
      } else {
        const elsewhere = CONTRACT_FILES.filter((f) => f !== file && why.errors.has(f));
        if (elsewhere.length > 0) error(file, `rejected because ${source} has errors: see ${elsewhere.join(', ')}`);
      }
    }
  }
  return rejections;
}

function toLocatedIssue(issue: ResourceIssue): LocatedIssue {
  return {
    severity: issue.severity,
    file: issue.place.source,
    line: lineOf(issue.place),
    column: issue.path,
    value: issue.value,
    // An issue of the whole file is named by the file alone.
    rule: issue.resource === issue.place.source ? issue.rule : `${issue.resource}${describePlace(issue.place)}: ${issue.rule}`,
  };
}

async function convertSources(paths: string[], converter: FhirToContract, tables: ContractTables, options: ImportExtractOptions, jobId: string): Promise<void> {
  const sources = await openExtractSources(paths, options.originsRelativeTo);
  try {
    const ndjson: { entry: ExtractEntry; type: string | undefined }[] = [];
    const bundled = new Map<string, { resource: unknown; place: ResourcePlace; fullUrl?: string }[]>();
    let bytesTotal = 0;
    for (const entry of sources.entries) {
      bytesTotal += entry.size;
      tables.sourceOrigins.set(entry.name, entry.origin);
      if (/\.ndjson$/i.test(entry.name)) {
        ndjson.push({ entry, type: await ndjsonType(entry) });
      } else if (/\.json$/i.test(entry.name)) {
        readBundle(entry.name, await readAll(entry), bundled, tables);
      } else {
        tables.issue({
          severity: 'error',
          file: null,
          place: { source: entry.name, line: 0, unit: 'line' },
          resource: entry.name,
          path: null,
          value: null,
          rule: 'is neither FHIR NDJSON (.ndjson) nor a Bundle (.json): a FHIR import takes only those',
        });
      }
    }
    let bytesRead = 0;
    let resourcesRead = 0;
    const types: string[] = [...FHIR_RESOURCE_TYPES, ...new Set([...ndjson.map((n) => n.type ?? ''), ...bundled.keys()])];
    for (const type of [...new Set(types)]) {
      for (const { entry } of ndjson.filter((n) => (n.type ?? '') === type)) {
        for await (const { text, line } of ndjsonLines(entry)) {
          bytesRead += Buffer.byteLength(text) + 1;
          resourcesRead++;
          let resource: unknown;
          try {
            resource = JSON.parse(text);
          } catch {
            tables.issue({
              severity: 'error',
              file: null,
              place: { source: entry.name, line, unit: 'line' },
              resource: '(unreadable)',
              path: null,
              // Not shown: the line may hold an NHS number that could not be found to be masked.
              value: null,
              rule: 'is not valid JSON: each line of an NDJSON file must be one resource',
            });
            continue;
          }
          converter.add(resource, { source: entry.name, line, unit: 'line' });
          if (resourcesRead % 10_000 === 0) {
            await tables.flush();
            options.onProgress?.({ jobId, file: entry.name, bytesRead, bytesTotal, rowsRead: resourcesRead });
          }
        }
      }
      for (const { resource, place, fullUrl } of bundled.get(type) ?? []) converter.add(resource, place, fullUrl);
      if (type === 'Organization') converter.finishOrganizations();
      await tables.flush();
    }
  } finally {
    await sources.close();
  }
}

function readBundle(name: string, text: string, bundled: Map<string, { resource: unknown; place: ResourcePlace; fullUrl?: string }[]>, tables: ContractTables): void {
  const fail = (rule: string) =>
    tables.issue({ severity: 'error', file: null, place: { source: name, line: 0, unit: 'line' }, resource: name, path: null, value: null, rule });
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let bundle: unknown;
  try {
    bundle = JSON.parse(json);
  } catch {
    const at = jsonSyntaxError(json);
    fail(at ? `not valid JSON at line ${at.line}, column ${at.column} (${at.message})` : 'not valid JSON (nested too deeply to place the first error)');
    return;
  }
  const body = bundle as { resourceType?: unknown; type?: unknown; entry?: unknown };
  if (typeof bundle !== 'object' || bundle === null || body.resourceType !== 'Bundle') {
    fail('is not a Bundle: a .json file must hold one Bundle (NDJSON files end in .ndjson)');
    return;
  }
  if (!BUNDLE_TYPES.includes(String(body.type))) {
    fail(`is a ${String(body.type)} Bundle: the import takes ${BUNDLE_TYPES.join(', ')} Bundles`);
    return;
  }
  (Array.isArray(body.entry) ? body.entry : []).forEach((entry: unknown, index: number) => {
    const item = entry as { resource?: { resourceType?: unknown }; fullUrl?: unknown; request?: { method?: unknown } };
    if (!item?.resource || item.request?.method === 'DELETE') return;
    const type = String(item.resource.resourceType ?? '');
    const list = bundled.get(type) ?? [];
    list.push({ resource: item.resource, place: { source: name, line: index + 1, unit: 'entry' }, fullUrl: typeof item.fullUrl === 'string' ? item.fullUrl : undefined });
    bundled.set(type, list);
  });
}

async function loadStoredKeys(pool: ReturnType<typeof poolOf>) {
  const keys = new Map<string, string>();
  const { rows } = await pool.query<{ resource_type: string; resource_id: string; key: string }>('SELECT resource_type, resource_id, key FROM fhir_resource_keys');
  for (const row of rows) keys.set(`${row.resource_type}/${row.resource_id}`, row.key);
  return { get: (type: 'Patient' | 'Organization', id: string) => keys.get(`${type}/${id}`) };
}

/** Keeps the ids of the Patients and Organizations whose file was applied, for later imports to refer to. */
async function storeKeys(pool: ReturnType<typeof poolOf>, job: ImportJobRecord, converter: FhirToContract): Promise<void> {
  const applied = (file: string) => job.files.some((f) => f.file === file && f.status === 'applied');
  const sets: ['Patient' | 'Organization', Map<string, string>][] = [];
  if (applied('patients.csv')) sets.push(['Patient', converter.patientKeys]);
  if (applied('practices.csv')) sets.push(['Organization', converter.organisationKeys]);
  for (const [type, keys] of sets) {
    const pairs = [...keys].filter(([reference]) => reference.startsWith(`${type}/`)).map(([reference, key]) => [reference.slice(type.length + 1), key]);
    for (let start = 0; start < pairs.length; start += 50_000) {
      const batch = pairs.slice(start, start + 50_000);
      await pool.query(
        `INSERT INTO fhir_resource_keys (resource_type, resource_id, key) SELECT $1, id, key FROM unnest($2::text[], $3::text[]) AS k(id, key)
         ON CONFLICT (resource_type, resource_id) DO UPDATE SET key = excluded.key WHERE fhir_resource_keys.key IS DISTINCT FROM excluded.key`,
        [type, batch.map((p) => p[0]), batch.map((p) => p[1])],
      );
    }
  }
}

/** The tally on the job, and a warning for each resource type skipped. */
async function recordFhirReport(pool: ReturnType<typeof poolOf>, jobId: string, converter: FhirToContract, paths: string[]): Promise<void> {
  const skipped = Object.entries(converter.tally.skippedTypes);
  await storeIssues(
    pool,
    jobId,
    skipped.map(([type, count]) => ({
      severity: 'warning',
      file: paths.join(', '),
      line: null,
      column: 'resourceType',
      value: type,
      rule: `${count} ${type} resource${count === 1 ? '' : 's'} skipped: the import maps only ${FHIR_RESOURCE_TYPES.join(', ')}`,
    })),
  );
  await pool.query(`UPDATE import_jobs SET fhir_report = $2, warning_count = warning_count + $3 WHERE id = $1`, [jobId, JSON.stringify(converter.tally), skipped.length]);
}

async function storeIssues(pool: ReturnType<typeof poolOf>, jobId: string, issues: LocatedIssue[]): Promise<void> {
  for (let start = 0; start < issues.length; start += 500) {
    const batch = issues.slice(start, start + 500);
    await pool.query(
      `INSERT INTO import_issues (job_id, severity, file, line, "column", value, rule)
       SELECT $1, severity, file, line, "column", value, rule
       FROM unnest($2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[]) AS i(severity, file, line, "column", value, rule)`,
      [jobId, batch.map((i) => i.severity), batch.map((i) => i.file ?? ''), batch.map((i) => i.line), batch.map((i) => i.column), batch.map((i) => i.value), batch.map((i) => i.rule)],
    );
  }
}
