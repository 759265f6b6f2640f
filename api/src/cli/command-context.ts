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

export interface DatabaseOptions {
  /** False for the commands that manage migrations themselves (`pcsp migrate`). */
  migrate?: boolean;
}

/**
 * Runs a command against the database found the way `npm start` finds it, with the pending
 * migrations applied as start applies them; an embedded server started for the command is
 * stopped after it, one already running is left running.
 */
export async function withDatabase<T>(run: (context: CommandContext) => Promise<T>, options: DatabaseOptions = {}): Promise<T> {
  const config = loadConfig();
  const server = await openDatabaseServer(config, say);
  const dataSource = createDataSource(server.url);
  try {
    await connectDataSource(dataSource, server);
    if (options.migrate !== false) await applyPendingMigrations(dataSource, say);
    return await run({ config, server, dataSource });
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await server.stop();
  }
}
