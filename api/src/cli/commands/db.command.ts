import type { Command } from 'commander';
import { loadConfig } from '../../config/app-config';
import { openDatabaseServer } from '../../database/database-server';
import { say } from '../command-context';

export function registerDbCommand(program: Command): void {
  program
    .command('db')
    .description('(developers) run the database alone in the foreground and print its URL, e.g. for psql; Ctrl-C stops it')
    .action(async () => {
      const server = await openDatabaseServer(loadConfig(), say);
      say(`PostgreSQL is running: ${server.url}`);
      if (server.origin !== 'embedded-started') return; // someone else owns it: nothing to wait for
      await new Promise<void>((resolve) => {
        const stop = () => void server.stop().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      say('Stopped cleanly.');
    });
}
