import { parseMonth } from '@pcsp/analytics';
import type { Command } from 'commander';
import { refreshAnalytics } from '../../modules/refresh/analytics-refresh';
import { say, sayRefreshDetail, withDatabase } from '../command-context';

export function registerRefreshCommand(program: Command): void {
  program
    .command('refresh')
    .description('rebuild the analytics snapshot from the records and swap it in (the old one serves until then)')
    .option('--as-of <date>', 'compute up to the last complete month before this date (YYYY-MM-DD; default today)')
    .option(
      '--first-month <month>',
      'begin this and every later snapshot at this month (YYYY-MM), or at the first activity record again (first-record, the default)',
    )
    .action(async (options: { asOf?: string; firstMonth?: string }) => {
      const asOf = options.asOf === undefined ? undefined : parseDay(options.asOf, '--as-of');
      const firstMonth = options.firstMonth === undefined ? undefined : parseFirstMonth(options.firstMonth);
      await withDatabase(async ({ config, server, dataSource }) => {
        const { pointer, copy } = await refreshAnalytics(dataSource, config, { pgUrl: server.url, asOf, firstMonth, log: say }).catch(
          (error: unknown) => {
            sayRefreshDetail(error);
            throw error;
          },
        );
        say(
          `Snapshot ${pointer.firstMonth} to ${pointer.lastMonth}: ${pointer.cells} cells ` +
            `(copied ${copy.totalRows} rows at ${Math.round(copy.rowsPerSecond)} rows/s).`,
        );
      });
    });
}

/** `--first-month`: a month YYYY-MM, or null for `first-record`. */
function parseFirstMonth(text: string): string | null {
  if (text === 'first-record') return null;
  try {
    // The engine's reading of a month, which the refresh applies to it.
    parseMonth(text, '--first-month');
  } catch {
    throw new Error(`--first-month must be a month YYYY-MM or first-record, got "${text}"`);
  }
  return text;
}

export function parseDay(text: string, name: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== text) throw new Error(`${name} must be a date YYYY-MM-DD, got "${text}"`);
  return date;
}
