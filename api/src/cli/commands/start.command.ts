import type { Command } from 'commander';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../config/app-config';
import { applyPendingMigrations, connectDataSource, createDataSource } from '../../database/data-source';
import { openDatabaseServer } from '../../database/database-server';
import { createApp } from '../../main';
import { prepareData } from '../../modules/demo/prepare-data';
import { ensureDemoAdmin } from '../../modules/users/demo-admin';
import { say } from '../command-context';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('start the database (embedded unless DATABASE_URL is set), prepare the data and serve the dashboard')
    .action(async () => {
      await startProduct();
    });
}

/** `npm start`: database, migrations, demo data on first start, snapshot, then the API and dashboard on one port. */
export async function startProduct(): Promise<void> {
  const began = performance.now();
  const config = loadConfig();
  const server = await openDatabaseServer(config, say);
  const dataSource = createDataSource(server.url);
  let stopping = false;
  let admin: { email: string; password: string } | undefined;
  const stopDatabase = async () => {
    if (dataSource.isInitialized) await dataSource.destroy();
    await server.stop();
  };
  try {
    await connectDataSource(dataSource, server);
    await applyPendingMigrations(dataSource, say);
    await prepareData(dataSource, config, server.url, say);
    admin = await ensureDemoAdmin(dataSource);
  } catch (error) {
    await stopDatabase();
    throw error;
  }

  const app = await createApp({ config, databaseUrl: server.url });
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping…`);
    await app.close();
    await stopDatabase();
    say('Stopped cleanly.');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
  if (admin) {
    say(`Sign in as the demo administrator: ${admin.email}  password: ${admin.password}`);
    say('(shown this once; add users with `npm run pcsp -- users add`)');
  }
  say(`PCSP Insights is ready at http://${shownHost}:${config.port}/ (ready in ${seconds} s)`);
}
