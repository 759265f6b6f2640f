import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../api/src/database/data-source';

export interface TestDatabase {
  /** Connection URL of a fresh database of its own, migrated. */
  url: string;
  dataSource: DataSource;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.PCSP_TEST_ADMIN_URL;
  if (!url) throw new Error('PCSP_TEST_ADMIN_URL is not set: run the tests through jest (global setup starts Postgres)');
  return url;
}

async function admin<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** An empty database on the shared test server (no migrations). */
export async function createEmptyDatabase(prefix = 'pcsp_test'): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** A fresh database with every migration applied, and a data source connected to it. */
export async function createTestDatabase(prefix?: string): Promise<TestDatabase> {
  const empty = await createEmptyDatabase(prefix);
  const dataSource = createDataSource(empty.url);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'all' });
  return {
    url: empty.url,
    dataSource,
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await empty.drop();
    },
  };
}
