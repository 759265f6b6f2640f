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
 * Generates the demo population as a flat extract and imports it through the real importer,
 * so the demo exercises exactly the path a commissioner's extract takes.
 */
export async function loadDemoPopulation(dataSource: DataSource, config: AppConfig, log: Log): Promise<void> {
  const out = join(config.dataDir, 'demo-extract');
  rmSync(out, { recursive: true, force: true });
  const options = {
    ...demoPopulationOptions(),
    ...demoPeriod(config.demo.years),
    practices: config.demo.practices,
    patients: config.demo.patients,
  };
  log(`Loading the demo population: ${options.practices} practices, ${options.patients.toLocaleString('en-GB')} patients, ${options.from} to ${options.to}…`);
  try {
    await generateToDirectory({ ...options, out, format: 'csv' });
    const job = await importExtract(dataSource, [out], { pseudonymKey: config.pseudonymKey, source: 'demo population', requestedBy: 'npm start' });
    if (job.status !== 'succeeded') {
      // The database was empty before: empty it again so that the next start tries afresh.
      await dataSource.query(`TRUNCATE ${RECORD_TABLES.join(', ')} CASCADE`);
      throw new Error(`the demo extract did not import (${job.errorCount} errors${job.failure ? `: ${job.failure}` : ''}); see import job ${job.id}`);
    }
    // Its records begin a year before its period, to fill the first month's 12-month windows: the snapshots show the
    // period, not a first year of windows filling up (plan coverage climbing from nothing).
    await setSnapshotFirstMonth(dataSource, options.from);
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
