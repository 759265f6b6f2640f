import { currentSnapshotPath, demoPopulationOptions, generateToDirectory } from '@pcsp/analytics';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import { importExtract } from '../imports/extract-import';
import { analyticsState, refreshAnalytics, setSnapshotFirstMonth, snapshotDirOf } from '../refresh/analytics-refresh';

type Log = (message: string) => void;

const RECORD_TABLES = ['training', 'admissions', 'observations', 'care_plan_adjustments', 'care_plan_reviews', 'care_plans', 'conditions', 'registrations', 'patients', 'organisations'];

const monthOf = (date: Date): string => `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;

/** The demo's period: DEMO_YEARS whole years ending with last month. */
export function demoPeriod(years: number, today = new Date()): { from: string; to: string } {
  const lastMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  const first = new Date(Date.UTC(lastMonth.getUTCFullYear(), lastMonth.getUTCMonth() - 12 * years + 1, 1));
  return { from: monthOf(first), to: monthOf(lastMonth) };
}

/**
 * What the demo shows (`shown`, DEMO_YEARS to last month) and the period it is generated for (`generated`, a year
 * longer). The generator's records begin a year before the period it is given, and each patient's yearly round of
 * plans, readings and admissions starts on a random day of that first year: the 12-month windows of admissions and
 * latest readings, and the backlog of overdue reviews, fill up over the following year (emergency admissions climbed
 * from 97 to 153 per 1,000 over the first shown months when only one year came before). So two years of records come
 * before the months shown.
 */
export function demoPeriods(years: number, today = new Date()): { shown: { from: string; to: string }; generated: { from: string; to: string } } {
  return { shown: demoPeriod(years, today), generated: demoPeriod(years + 1, today) };
}

/**
 * Generates the demo population as a flat extract and imports it through the real importer,
 * so the demo exercises exactly the path a commissioner's extract takes.
 */
export async function loadDemoPopulation(dataSource: DataSource, config: AppConfig, log: Log): Promise<void> {
  const out = join(config.dataDir, 'demo-extract');
  rmSync(out, { recursive: true, force: true });
  const { shown, generated } = demoPeriods(config.demo.years);
  const options = {
    ...demoPopulationOptions(),
    ...generated,
    practices: config.demo.practices,
    patients: config.demo.patients,
  };
  log(
    `Loading the demo population: ${options.practices} practices, ${options.patients.toLocaleString('en-GB')} patients, ` +
      `${shown.from} to ${shown.to}, with two years of records before…`,
  );
  try {
    await generateToDirectory({ ...options, out, format: 'csv' });
    const job = await importExtract(dataSource, [out], { pseudonymKey: config.pseudonymKey, source: 'demo population', requestedBy: 'npm start' });
    if (job.status !== 'succeeded') {
      // The database was empty before: empty it again so that the next start tries afresh.
      await dataSource.query(`TRUNCATE ${RECORD_TABLES.join(', ')} CASCADE`);
      throw new Error(`the demo extract did not import (${job.errorCount} errors${job.failure ? `: ${job.failure}` : ''}); see import job ${job.id}`);
    }
    // The snapshots show the period, not the years of windows filling up (see demoPeriods).
    await setSnapshotFirstMonth(dataSource, shown.from);
    log(`Imported ${job.rowsApplied.toLocaleString('en-GB')} rows.`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** What `npm start` does before serving: demo data into an empty database, and a current snapshot. */
export async function prepareData(dataSource: DataSource, config: AppConfig, pgUrl: string, log: Log): Promise<void> {
  const [{ count }] = (await dataSource.query('SELECT count(*)::int AS count FROM organisations')) as { count: number }[];
  if (count === 0) await loadDemoPopulation(dataSource, config, log);
  const state = await analyticsState(dataSource);
  if (state.stale || !currentSnapshotPath(snapshotDirOf(config))) {
    log('Building the analytics snapshot…');
    const { pointer } = await refreshAnalytics(dataSource, config, { pgUrl });
    log(`Snapshot ready: ${pointer.firstMonth} to ${pointer.lastMonth}.`);
  }
}
