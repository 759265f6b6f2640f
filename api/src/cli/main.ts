#!/usr/bin/env node
import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/app-config';
import { registerDbCommand } from './commands/db.command';
import { registerMigrateCommands } from './commands/migrate.command';
import { registerStartCommand } from './commands/start.command';

const program = new Command('pcsp')
  .description('PCSP Insights: personalised care and support planning analytics for NHS commissioners')
  .showHelpAfterError()
  .exitOverride();

registerStartCommand(program);
registerMigrateCommands(program);
registerDbCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  process.stderr.write(`pcsp: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
