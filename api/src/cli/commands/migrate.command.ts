import type { Command } from 'commander';
import { pendingSchemaChanges, writeMigrationFile } from '../../database/migration-generator';
import { say, withDatabase } from '../command-context';

export function registerMigrateCommands(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (or undo the last with --revert)')
    .option('--revert', 'undo the most recent migration')
    .action(async (options: { revert?: boolean }) => {
      await withDatabase(async ({ dataSource }) => {
        if (options.revert) {
          await dataSource.undoLastMigration({ transaction: 'all' });
          say('Reverted the last migration.');
          return;
        }
        const applied = await dataSource.runMigrations({ transaction: 'all' });
        say(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}.` : 'The database is up to date.');
      });
    });

  program
    .command('migration:generate')
    .description('(developers) write a migration holding what the entities change in a migrated database')
    .argument('<name>', 'PascalCase name, e.g. AddUsers')
    .action(async (name: string) => {
      await withDatabase(async ({ dataSource }) => {
        await dataSource.runMigrations({ transaction: 'all' });
        const diff = await pendingSchemaChanges(dataSource);
        if (diff.up.length === 0) {
          say('The entities match the migrations: nothing to generate.');
          return;
        }
        say(`Wrote ${writeMigrationFile(name, diff)}`);
      });
    });
}
