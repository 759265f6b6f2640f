import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The built command-line entry (tests run after `npm run build`). */
export const CLI = join(__dirname, '../../api/dist/cli/main.js');

/** A temp folder the unprivileged postgres user can enter (the embedded server runs as it under root). */
export function openTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  tempDirs.push(dir);
  return dir;
}
const tempDirs: string[] = [];

/** Removes the folders openTempDir made in this test file (call in afterAll, after servers stopped). */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const runCli = (args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) =>
  promisify(execFile)('node', [CLI, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env } });

export interface RunningCli {
  child: ChildProcess;
  /** Everything written to stderr so far. */
  output(): string;
  /** Resolves with the first match of the pattern in stderr. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts a long-running command (`start`, `db`) in the background. */
export function spawnCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): RunningCli {
  const child = spawn('node', [CLI, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    listeners.forEach((l) => l());
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    listeners.forEach((l) => l());
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => stderr,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = stderr.match(pattern);
          if (match) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(match);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${pattern} in:\n${stderr}`));
        }, timeoutMs);
        listeners.add(check);
        void exited.then((code) => {
          if (listeners.has(check)) {
            listeners.delete(check);
            clearTimeout(timer);
            reject(new Error(`exited with ${code} before ${pattern}:\n${stderr}`));
          }
        });
        check();
      }),
    stop: async (signal = 'SIGINT') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
