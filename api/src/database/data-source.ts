import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseServer } from './database-server';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** The one data source definition, shared by the app, the CLI and the tests. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    // An import holds up to 8 (FILES_IN_FLIGHT), and keeps some for requests and its own progress.
    extra: { max: 14 },
  };
}

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}

/**
 * Connects, or fails naming the server tried: DATABASE_URL's host and port (never its password),
 * or the embedded server's, since the driver's own message names only an address.
 */
export async function connectDataSource(dataSource: DataSource, server: Pick<DatabaseServer, 'url' | 'origin'>): Promise<void> {
  try {
    await dataSource.initialize();
  } catch (error) {
    const { hostname, port } = new URL(server.url);
    const where = `${hostname}:${port || '5432'}`;
    const which = server.origin === 'external' ? `the PostgreSQL server of DATABASE_URL at ${where}` : `the embedded PostgreSQL at ${where}`;
    throw new Error(`Cannot connect to ${which}: ${reasonOf(error)}`, { cause: error });
  }
}

/** The driver's message; a failure on every address of a host name comes as an AggregateError with none. */
function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && !error.message) return error.errors.map(reasonOf).join('; ');
  return error instanceof Error ? error.message || ((error as { code?: string }).code ?? error.name) : String(error);
}

/** Applies the migrations not yet applied, as `npm start` and every command do before using the database. */
export async function applyPendingMigrations(dataSource: DataSource, log: (message: string) => void): Promise<void> {
  const applied = await dataSource.runMigrations({ transaction: 'all' });
  if (applied.length) log(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}.`);
}
