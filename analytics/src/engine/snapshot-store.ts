import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { refreshStepError, SnapshotRefreshError, type RefreshFailureContext } from './refresh-failure';
import { DUCKDB_VERSION, ENGINE_VERSION, type SnapshotBuildInfo } from './snapshot-build';

/** The store's pointer file: which snapshot file serves, and what it holds. */
export const CURRENT_POINTER = 'current.json';

/** Contents of `current.json`. */
export interface SnapshotPointer extends Omit<SnapshotBuildInfo, 'seconds' | 'engineVersion' | 'duckdbVersion'> {
  /** File name of the serving snapshot, relative to the store directory. */
  file: string;
  /** The snapshot it replaced, kept until the next swap. */
  previousFile: string | null;
  /** ENGINE_VERSION of the code that built it; null in a pointer written before versions were recorded (an earlier engine). */
  engineVersion: number | null;
  /** DUCKDB_VERSION of the library that built it; null in a pointer written before it was recorded (an earlier engine). */
  duckdbVersion: string | null;
}

/** How the engine that built a snapshot stands to this code's: only 'current' holds the figures this code computes. */
export type SnapshotEngineStanding = 'current' | 'earlier' | 'later';

/** The engine a snapshot is built by: its ENGINE_VERSION and the DuckDB library it ran on. */
export interface SnapshotEngineVersions {
  engineVersion: number | null;
  duckdbVersion: string | null;
}

/** `vMAJOR.MINOR.PATCH` as DuckDB names a release (a development build adds a suffix, which is not ordered). */
const DUCKDB_RELEASE = /^v(\d+)\.(\d+)\.(\d+)/;

/**
 * How a snapshot built by `built` stands to the engine `running` (this code's by default): 'current' only when both its
 * ENGINE_VERSION and its DuckDB library are the same. By the engine version first; with the same version, by the DuckDB
 * release, a later one than ours 'later' (the library rolled back), and anything else (an earlier release, none recorded,
 * or two builds of one release) 'earlier'.
 */
export function snapshotStanding(
  built: SnapshotEngineVersions,
  running: { engineVersion: number; duckdbVersion: string } = { engineVersion: ENGINE_VERSION, duckdbVersion: DUCKDB_VERSION },
): SnapshotEngineStanding {
  if (built.engineVersion !== running.engineVersion) {
    return built.engineVersion !== null && built.engineVersion > running.engineVersion ? 'later' : 'earlier';
  }
  if (built.duckdbVersion === running.duckdbVersion) return 'current';
  const release = (text: string | null) => DUCKDB_RELEASE.exec(text ?? '')?.slice(1).map(Number);
  const [theirs, ours] = [release(built.duckdbVersion), release(running.duckdbVersion)];
  if (theirs === undefined || ours === undefined) return 'earlier';
  const difference = theirs.map((part, i) => part - ours[i]).find((d) => d !== 0) ?? 0;
  return difference > 0 ? 'later' : 'earlier';
}

const SNAPSHOT_FILE = /^snapshot-[0-9TZ-]+-[0-9a-z]+\.duckdb(\.wal)?$/;
const LOCK = 'refresh.lock';

/** Reads the pointer of a snapshot directory; undefined when nothing has been published yet. */
export function readSnapshotPointer(snapshotDir: string): SnapshotPointer | undefined {
  const path = join(snapshotDir, CURRENT_POINTER);
  if (!existsSync(path)) return undefined;
  const pointer = JSON.parse(readFileSync(path, 'utf8')) as Omit<SnapshotPointer, 'engineVersion' | 'duckdbVersion'> & { engineVersion?: unknown; duckdbVersion?: unknown };
  const { engineVersion: version, duckdbVersion: duckdb } = pointer;
  return {
    ...pointer,
    engineVersion: typeof version === 'number' && Number.isSafeInteger(version) && version > 0 ? version : null,
    duckdbVersion: typeof duckdb === 'string' && duckdb !== '' ? duckdb : null,
  };
}

/** Absolute path of the serving snapshot file, or undefined. */
export function currentSnapshotPath(snapshotDir: string): string | undefined {
  const pointer = readSnapshotPointer(snapshotDir);
  return pointer ? join(snapshotDir, pointer.file) : undefined;
}

function newFileName(): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return `snapshot-${stamp}-${process.pid.toString(36)}${Math.random().toString(36).slice(2, 8)}.duckdb`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The process holding the refresh lock of `snapshotDir`, if one is alive (a lock left by a dead process is no one's). */
export function refreshLockHolder(snapshotDir: string): number | undefined {
  let holder: number;
  try {
    holder = Number(readFileSync(join(snapshotDir, LOCK), 'utf8'));
  } catch {
    return undefined;
  }
  return Number.isInteger(holder) && holder > 0 && isAlive(holder) ? holder : undefined;
}

/** What a refresh does before it builds: the snapshot folder made and its lock taken. */
const PREPARING = 'preparing the snapshot folder';

/** The snapshot serving in `snapshotDir`, as a failed refresh's message names it. */
function servingNow(snapshotDir: string): string {
  let serving: SnapshotPointer | undefined;
  try {
    serving = readSnapshotPointer(snapshotDir);
  } catch {
    return `its pointer ${CURRENT_POINTER} cannot be read, so no snapshot may be serving`;
  }
  return serving ? `the snapshot built at ${serving.builtAt} keeps serving` : 'no snapshot is serving yet';
}

/**
 * A refresh's failure at `step` as stored and shown: which snapshot keeps serving and, in plain words, why (see
 * refreshStepError); the original error is its detail, for the log.
 */
export function snapshotRefreshError(
  snapshotDir: string,
  step: string,
  error: unknown,
  context: Omit<RefreshFailureContext, 'snapshotDir'> = {},
): SnapshotRefreshError {
  const failure = refreshStepError(step, error, { snapshotDir, ...context });
  return new SnapshotRefreshError(`snapshot refresh failed (${servingNow(snapshotDir)}): ${failure.message}`, failure.detail, { cause: error });
}

/** Removes files a failed refresh made; one that cannot be removed is left to the next swap, which removes stray snapshots. */
function removeQuietly(...paths: string[]): void {
  for (const path of paths) {
    try {
      rmSync(path, { force: true });
    } catch {
      // See above.
    }
  }
}

function acquireLock(snapshotDir: string): () => void {
  const path = join(snapshotDir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw snapshotRefreshError(snapshotDir, PREPARING, error);
      const holder = refreshLockHolder(snapshotDir);
      if (holder !== undefined) {
        const message = `another snapshot refresh is running (process ${holder}); the current snapshot keeps serving`;
        throw new SnapshotRefreshError(message, message);
      }
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not take the refresh lock ${path}`);
}

/** What a build given to publishSnapshot reports: one that does not say which engine made it (a test's hand-made file) is recorded with none. */
export type PublishedBuildInfo = Omit<SnapshotBuildInfo, 'engineVersion' | 'duckdbVersion'> & { engineVersion?: number; duckdbVersion?: string };

/**
 * Builds a new snapshot file with `build` and swaps it in atomically (rename of `current.json`).
 * Readers keep the old snapshot until the pointer moves; if making the folder, `build` or the swap
 * fails, the new files are removed, the old snapshot keeps serving and the error (a SnapshotRefreshError)
 * says why in plain words. After a swap, snapshot files other than the new and the previous one are removed.
 */
export async function publishSnapshot(
  snapshotDir: string,
  build: (outFile: string) => Promise<PublishedBuildInfo>,
): Promise<SnapshotPointer> {
  try {
    mkdirSync(snapshotDir, { recursive: true });
  } catch (error) {
    throw snapshotRefreshError(snapshotDir, PREPARING, error);
  }
  const release = acquireLock(snapshotDir);
  const file = newFileName();
  const outFile = join(snapshotDir, file);
  try {
    let info: PublishedBuildInfo;
    try {
      info = await build(outFile);
    } catch (error) {
      removeQuietly(outFile, `${outFile}.wal`);
      throw snapshotRefreshError(snapshotDir, 'computing the measures', error);
    }
    const temporary = join(snapshotDir, `${CURRENT_POINTER}.${process.pid}.tmp`);
    let pointer: SnapshotPointer;
    try {
      const previous = readSnapshotPointer(snapshotDir);
      const { seconds: _seconds, engineVersion, duckdbVersion, ...described } = info;
      pointer = { file, previousFile: previous?.file ?? null, ...described, engineVersion: engineVersion ?? null, duckdbVersion: duckdbVersion ?? null };
      writeFileSync(temporary, `${JSON.stringify(pointer, null, 2)}\n`);
      renameSync(temporary, join(snapshotDir, CURRENT_POINTER));
    } catch (error) {
      removeQuietly(temporary, outFile, `${outFile}.wal`);
      throw snapshotRefreshError(snapshotDir, 'swapping in the new snapshot', error);
    }
    // The new snapshot serves now: a file that cannot be removed here does not fail the refresh (the next swap tries again).
    const keep = new Set([file, pointer.previousFile]);
    try {
      for (const name of readdirSync(snapshotDir)) {
        if (SNAPSHOT_FILE.test(name) && !keep.has(name.replace(/\.wal$/, ''))) removeQuietly(join(snapshotDir, name));
      }
    } catch {
      // See above.
    }
    return pointer;
  } finally {
    release();
  }
}
