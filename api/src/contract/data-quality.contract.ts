export type ImportJobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ImportFileSummary {
  file: string;
  status: 'pending' | 'applied' | 'rejected' | 'skipped';
  rowsRead: number;
  rowsApplied: number;
  errors: number;
  warnings: number;
}

/** What a FHIR import counted beside the rows, so that a data manager can extend the code lists. */
export interface FhirJobReport {
  /** Resources read, by type (mapped types only). */
  resources: Record<string, number>;
  /** Resources of types the import does not map, skipped with a warning. */
  skippedTypes: Record<string, number>;
  /** `ResourceType system|code` of codes in no code list, with how many resources carried each. */
  unknownCodes: Record<string, number>;
}

/** One import (CLI or upload) as lists show it. */
export interface ImportJobSummary {
  id: string;
  status: ImportJobStatus;
  format: 'csv' | 'fhir';
  source: string;
  requestedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  bytesTotal: number;
  bytesRead: number;
  rowsRead: number;
  rowsApplied: number;
  errorCount: number;
  warningCount: number;
  files: ImportFileSummary[];
  /**
   * Why the import stopped before it finished (null if it ran to its end; a rejected file fails it with null here). To a
   * commissioner or network manager (`GET /api/data-quality`) `WITHHELD_IMPORT_FAILURE` in its place: the text can name
   * server paths or hold a raw error.
   */
  failure: string | null;
  /** FHIR imports: resources read per type, skipped types and unknown codes with counts; null for a flat extract (and a FHIR import not yet counted). */
  fhir: FhirJobReport | null;
}

/** A row-level error or warning of an import (values with patient identifiers masked). */
export interface ImportIssueItem {
  severity: 'error' | 'warning';
  file: string;
  line: number | null;
  column: string | null;
  value: string | null;
  rule: string;
}

/** `GET /api/data-quality`: the last imports with their first issues, and how fresh the figures are. */
export interface DataQualityResponse {
  snapshot: {
    builtAt: string | null;
    firstMonth: string | null;
    lastMonth: string | null;
    /** Hours since the snapshot was built. */
    ageHours: number | null;
    /** Records changed since the last refresh. */
    stale: boolean;
    /**
     * Why the last refresh failed (the snapshot built before it keeps serving); null since one succeeded. To anyone but
     * an administrator `WITHHELD_REFRESH_ERROR` in its place, not the text (it can hold the database's own words).
     */
    lastError: string | null;
    /**
     * The analytics engine version that computed the serving snapshot's figures (ENGINE_VERSION of the code that built
     * it); null while no snapshot serves, and for one built before versions were recorded.
     */
    engineVersion: number | null;
    /**
     * The DuckDB library version that computed them, as DuckDB names it (e.g. 'v1.5.6'): a new one can change figures
     * without any change to the engine. Null while no snapshot serves, and for one built before it was recorded.
     */
    duckdbVersion: string | null;
    /**
     * How that engine (its version and DuckDB library) stands to the server's: 'current' when both are the server's; else
     * 'earlier' (an engine version before this one or none recorded, or this one on an earlier DuckDB release, none
     * recorded or another build of this release) or 'later' (a later engine version or DuckDB release: the code or DuckDB
     * was rolled back), whose figures may differ from what this server computes; as it starts, the server rebuilds such a
     * snapshot in the background (requested by ENGINE_UPGRADE_REQUESTER). Null while none serves.
     */
    engine: 'current' | 'earlier' | 'later' | null;
  };
  /**
   * Newest first. For a commissioner or network manager each import keeps its summary but not what is an administrator's:
   * `issues` is empty, `requestedBy` is null, `source` names files and folders without their server paths and a `failure`
   * is `WITHHELD_IMPORT_FAILURE`.
   */
  imports: (ImportJobSummary & { issues: ImportIssueItem[] })[];
  /**
   * Whether `issues` holds each import's row-level issue lines: 'shown' to an administrator, 'administrators only' to a
   * commissioner or network manager (an extract covers practices in every area), whose `issues` are empty. Always present,
   * so that a client reads which answer it has rather than inferring it from a missing key (an empty `issues` alone does
   * not tell a withheld list from an import with no issue).
   */
  issueLines: 'shown' | 'administrators only';
}

/** What a commissioner or network manager is given as an import's `failure` in place of its text. */
export const WITHHELD_IMPORT_FAILURE = 'The import stopped before it finished; administrators see why.';

/** What anyone but an administrator is given as the snapshot's `lastError` in place of its text. */
export const WITHHELD_REFRESH_ERROR = 'The last refresh failed, so the figures are still those of the snapshot built before it.';

/**
 * Who asked for the refresh a server starts by itself as it starts on a snapshot built by another engine version or
 * DuckDB library: the run's requestedBy, and the audit log's email for it.
 */
export const ENGINE_UPGRADE_REQUESTER = 'engine upgrade';

/**
 * A refresh of the snapshot started with `POST /api/snapshot/refresh`, or by the server as it starts on a snapshot built by
 * another engine version (kept by the serving process until the next one).
 */
export interface SnapshotRefreshRun {
  state: 'running' | 'succeeded' | 'failed';
  /** The administrator who asked for it, or ENGINE_UPGRADE_REQUESTER; null to anyone but an administrator. */
  requestedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
  /** Why it failed (the previous snapshot keeps serving); null to anyone but an administrator, whom `state` tells that it failed. */
  error: string | null;
}

/** `GET /api/snapshot` (every role), and the 202 answer of `POST /api/snapshot/refresh` (admin only; 409 while one runs). */
export interface SnapshotStatusResponse {
  snapshot: DataQualityResponse['snapshot'] & {
    /** When the last refresh (from any process) succeeded. */
    refreshedAt: string | null;
  };
  /** The last refresh requested through the API since the server started; null if none. */
  refresh: SnapshotRefreshRun | null;
}
