import type { Command } from 'commander';
import { pendingSchemaChanges, writeMigrationFile } from '../../database/migration-generator';
import { say, withDatabase } from '../command-context';

export function registerMigrateCommands(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (or undo the last with --revert)')
    .option('--revert', 'undo the most recent migration')
    .action(async (options: { revert?: boolean }) => {
      // Not migrated first: applying and reverting is this command's own work.
      await withDatabase(
        async ({ dataSource }) => {
          if (options.revert) {
            await dataSource.undoLastMigration({ transaction: 'all' });
            say('Reverted the last migration.');
            return;
          }
          const applied = await dataSource.runMigrations({ transaction: 'all' });
          say(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}.` : 'The database is up to date.');
        },
        { migrate: false },
      );
    });

  program
    .command('migration:generate')
    .description('(developers) write a migration holding what the entities change in a migrated database')
    .argument('<name>', 'PascalCase name, e.g. AddUsers')
    .action(async (name: string) => {
      // The database is migrated first (withDatabase), so that the difference is only what the entities change.
      await withDatabase(async ({ dataSource }) => {
        const diff = await pendingSchemaChanges(dataSource);
        if (diff.up.length === 0) {
          say('The entities match the migrations: nothing to generate.');
          return;
        }
        say(`Wrote ${writeMigrationFile(name, diff)}`);
      });
    });
}
