import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Command } from 'commander';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../config/app-config';
import { applyPendingMigrations, connectDataSource, createDataSource } from '../../database/data-source';
import { openDatabaseServer } from '../../database/database-server';
import { createApp } from '../../main';
import { prepareData } from '../../modules/demo/prepare-data';
import { ensureDemoAdmin } from '../../modules/users/demo-admin';
import { handleStopSignals, interruptedExitCode, say, sayRefreshDetail } from '../command-context';
import { checkCanListen, listenProblem } from '../listen-port';

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
  await checkCanListen(config.host, config.port);
  const opening = openDatabaseServer(config, say);
  const stopServer = async () => (await opening.catch(() => undefined))?.stop();
  let dataSource: DataSource | undefined;
  let app: NestFastifyApplication | undefined;
  let serving = false;
  // Ctrl-C is how a serving product stops (exit 0); before that it interrupts start (130/143). Either way the
  // embedded PostgreSQL stops too. The pool is closed first only when idle: while preparing it would wait on the load.
  const signals = handleStopSignals(async (signal) => {
    const wasServing = serving;
    await app?.close();
    if (wasServing && dataSource?.isInitialized) await dataSource.destroy();
    await stopServer();
    say('Stopped cleanly.');
    return wasServing ? 0 : interruptedExitCode(signal);
  });
  try {
    const server = await opening;
    dataSource = createDataSource(server.url);
    await connectDataSource(dataSource, server);
    await applyPendingMigrations(dataSource, say);
    await prepareData(dataSource, config, server.url, say);
    app = await createApp({ config, databaseUrl: server.url });
    await app.listen({ port: config.port, host: config.host }).catch((error: unknown) => {
      throw listenProblem(error, config.host, config.port);
    });
    serving = true;
    // Made only once serving, and printed at once: a start that fails before then leaves no administrator
    // whose password nobody saw (the next start makes one).
    const admin = await ensureDemoAdmin(dataSource);
    if (admin) {
      say(`Sign in as the demo administrator: ${admin.email}  password: ${admin.password}`);
      say('(shown this once; add users with `npm run pcsp -- users add`)');
    }
  } catch (error) {
    await signals.waitIfStopping();
    sayRefreshDetail(error);
    serving = false;
    await app?.close();
    if (dataSource?.isInitialized) await dataSource.destroy();
    await stopServer();
    signals.release();
    throw error;
  }

  const seconds = ((performance.now() - began) / 1000).toFixed(1);
  const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
  say(`PCSP Insights is ready at http://${shownHost}:${config.port}/ (ready in ${seconds} s)`);
}
