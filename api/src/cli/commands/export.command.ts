import { currentSnapshotPath, exportCells } from '@pcsp/analytics';
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { loadConfig } from '../../config/app-config';
import { snapshotDirOf } from '../../modules/refresh/analytics-refresh';
import { say } from '../command-context';
import { monthOption } from '../option-values';

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('write every cell of the current snapshot, unsuppressed, as CSV (administrators, checking)')
    .requiredOption('--out <file>', 'the CSV file to write')
    .option('--from <month>', 'first month, YYYY-MM')
    .option('--to <month>', 'last month, YYYY-MM')
    .option('--measures <ids>', 'comma-separated measure ids (default: all)')
    .action(async (options: { out: string; from?: string; to?: string; measures?: string }) => {
      const from = options.from === undefined ? undefined : monthOption(options.from, '--from');
      const to = options.to === undefined ? undefined : monthOption(options.to, '--to');
      if (from !== undefined && to !== undefined && from > to) throw new Error(`--from ${options.from} is after --to ${options.to}`);
      const config = loadConfig();
      const snapshot = currentSnapshotPath(snapshotDirOf(config));
      if (!snapshot) throw new Error(`There is no analytics snapshot in ${snapshotDirOf(config)} yet: run \`pcsp refresh\` first.`);
      const out = resolve(options.out);
      const rows = await exportCells(snapshot, out, {
        from: options.from,
        to: options.to,
        measures: options.measures?.split(',').map((id) => id.trim()).filter(Boolean),
      });
      say(`Wrote ${rows} cells to ${out}.`);
    });
}
