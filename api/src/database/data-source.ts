import { DataSource, type DataSourceOptions } from 'typeorm';
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

/** Applies the migrations not yet applied, as `npm start` and every command do before using the database. */
export async function applyPendingMigrations(dataSource: DataSource, log: (message: string) => void): Promise<void> {
  const applied = await dataSource.runMigrations({ transaction: 'all' });
  if (applied.length) log(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}.`);
}
