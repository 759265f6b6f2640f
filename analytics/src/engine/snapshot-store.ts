import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SnapshotBuildInfo } from './snapshot-build';

/** The store's pointer file: which snapshot file serves, and what it holds. */
export const CURRENT_POINTER = 'current.json';

/** Contents of `current.json`. */
export interface SnapshotPointer extends Omit<SnapshotBuildInfo, 'seconds'> {
  /** File name of the serving snapshot, relative to the store directory. */
  file: string;
  /** The snapshot it replaced, kept until the next swap. */
  previousFile: string | null;
}

const SNAPSHOT_FILE = /^snapshot-[0-9TZ-]+-[0-9a-z]+\.duckdb(\.wal)?$/;
const LOCK = 'refresh.lock';

/** Reads the pointer of a snapshot directory; undefined when nothing has been published yet. */
export function readSnapshotPointer(snapshotDir: string): SnapshotPointer | undefined {
  const path = join(snapshotDir, CURRENT_POINTER);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as SnapshotPointer;
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

function acquireLock(snapshotDir: string): () => void {
  const path = join(snapshotDir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = refreshLockHolder(snapshotDir);
      if (holder !== undefined) throw new Error(`another snapshot refresh is running (process ${holder}); the current snapshot keeps serving`);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not take the refresh lock ${path}`);
}

/**
 * Builds a new snapshot file with `build` and swaps it in atomically (rename of `current.json`).
 * Readers keep the old snapshot until the pointer moves; if `build` fails, the partial file is
 * removed, the old snapshot keeps serving and the error says why. After a swap, snapshot files
 * other than the new and the previous one are removed.
 */
export async function publishSnapshot(
  snapshotDir: string,
  build: (outFile: string) => Promise<SnapshotBuildInfo>,
): Promise<SnapshotPointer> {
  mkdirSync(snapshotDir, { recursive: true });
  const release = acquireLock(snapshotDir);
  const file = newFileName();
  const outFile = join(snapshotDir, file);
  try {
    let info: SnapshotBuildInfo;
    try {
      info = await build(outFile);
    } catch (error) {
      rmSync(outFile, { force: true });
      rmSync(`${outFile}.wal`, { force: true });
      const reason = error instanceof Error ? error.message : String(error);
      const serving = readSnapshotPointer(snapshotDir);
      const still = serving ? `the snapshot built at ${serving.builtAt} keeps serving` : 'no snapshot is serving yet';
      throw new Error(`snapshot refresh failed (${still}): ${reason}`, { cause: error });
    }
    const previous = readSnapshotPointer(snapshotDir);
    const { seconds: _seconds, ...described } = info;
    const pointer: SnapshotPointer = { file, previousFile: previous?.file ?? null, ...described };
    const temporary = join(snapshotDir, `${CURRENT_POINTER}.${process.pid}.tmp`);
    writeFileSync(temporary, `${JSON.stringify(pointer, null, 2)}\n`);
    renameSync(temporary, join(snapshotDir, CURRENT_POINTER));
    const keep = new Set([file, pointer.previousFile]);
    for (const name of readdirSync(snapshotDir)) {
      if (!SNAPSHOT_FILE.test(name)) continue;
      if (!keep.has(name.replace(/\.wal$/, ''))) rmSync(join(snapshotDir, name), { force: true });
    }
    return pointer;
  } finally {
    release();
  }
}
