#!/usr/bin/env node
import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/app-config';
import { registerAlertsCommand } from './commands/alerts.command';
import { registerDbCommand } from './commands/db.command';
import { registerExportCommand } from './commands/export.command';
import { registerImportCommand } from './commands/import.command';
import { registerGenerateCommand } from './commands/generate.command';
import { registerMigrateCommands } from './commands/migrate.command';
import { registerRefreshCommand } from './commands/refresh.command';
import { registerStartCommand } from './commands/start.command';
import { registerUsersCommand } from './commands/users.command';

const program = new Command('pcsp')
  .description('PCSP Insights: personalised care and support planning analytics for NHS commissioners')
  .showHelpAfterError()
  .exitOverride();

registerStartCommand(program);
registerMigrateCommands(program);
registerDbCommand(program);
registerRefreshCommand(program);
registerExportCommand(program);
registerImportCommand(program);
registerUsersCommand(program);
registerGenerateCommand(program);
registerAlertsCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  // Messages are written for people; the stack only when asked for (LOG_LEVEL=debug).
  const verbose = process.env.LOG_LEVEL === 'debug' || process.env.LOG_LEVEL === 'trace';
  const text = error instanceof Error ? (verbose ? (error.stack ?? error.message) : error.message) : String(error);
  process.stderr.write(`pcsp: ${text}\n`);
  process.exit(1);
});
