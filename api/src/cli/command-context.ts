import { SnapshotRefreshError } from '@pcsp/analytics';
import type { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../config/app-config';
import { applyPendingMigrations, connectDataSource, createDataSource } from '../database/data-source';
import { openDatabaseServer, type DatabaseServer } from '../database/database-server';

export interface CommandContext {
  config: AppConfig;
  server: DatabaseServer;
  dataSource: DataSource;
}

/** Prints to stderr so that stdout stays clean for data a command writes. */
export const say = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

/**
 * Before the plain message (pcsp: …), a failed refresh's detail, the database's own text: a command has no server log,
 * so this is where it is kept.
 */
export function sayRefreshDetail(error: unknown): void {
  if (error instanceof SnapshotRefreshError) say(`The refresh's detail, for the log: ${error.detail}`);
}

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** 128 + the signal's number, as a shell reports a command that a signal ended. */
export const interruptedExitCode = (signal: StopSignal): number => (signal === 'SIGINT' ? 130 : 143);

export interface StopSignals {
  /** Work that fails because it was stopped waits here for the exit rather than reporting the failure. */
  waitIfStopping(): Promise<void>;
  release(): void;
}

/**
 * Until released, the first SIGINT or SIGTERM runs `stop` (which stops what the command started,
 * the embedded PostgreSQL above all) and exits with the code it returns.
 */
export function handleStopSignals(stop: (signal: StopSignal) => Promise<number>): StopSignals {
  let stopping = false;
  const handle = (signal: StopSignal) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping…`);
    stop(signal).then(
      (code) => process.exit(code),
      (error: unknown) => {
        say(`pcsp: while stopping: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
  return {
    waitIfStopping: () => (stopping ? new Promise<void>(() => undefined) : Promise.resolve()),
    release: () => {
      process.off('SIGINT', handle);
      process.off('SIGTERM', handle);
    },
  };
}

export interface DatabaseOptions {
  /** False for the commands that manage migrations themselves (`pcsp migrate`). */
  migrate?: boolean;
}

/**
 * Runs a command against the database found the way `npm start` finds it, with the pending
 * migrations applied as start applies them; an embedded server started for the command is
 * stopped after it, or on SIGINT/SIGTERM (then exiting with 130/143); one already running is left running.
 */
export async function withDatabase<T>(run: (context: CommandContext) => Promise<T>, options: DatabaseOptions = {}): Promise<T> {
  const config = loadConfig();
  const opening = openDatabaseServer(config, say);
  // The pool is not closed first: it would wait for the command's queries, which stopping the server ends.
  const signals = handleStopSignals(async (signal) => {
    await (await opening.catch(() => undefined))?.stop();
    return interruptedExitCode(signal);
  });
  let dataSource: DataSource | undefined;
  let server: DatabaseServer | undefined;
  try {
    server = await opening;
    dataSource = createDataSource(server.url);
    await connectDataSource(dataSource, server);
    if (options.migrate !== false) await applyPendingMigrations(dataSource, say);
    return await run({ config, server, dataSource });
  } catch (error) {
    await signals.waitIfStopping();
    throw error;
  } finally {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await server?.stop();
    signals.release();
  }
}
