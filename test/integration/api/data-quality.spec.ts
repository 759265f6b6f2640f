import { DUCKDB_VERSION, ENGINE_VERSION, PRACTICE_ALERT_MONTHS_SQL, readSnapshotPointer, type SnapshotPointer } from '@pcsp/analytics';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportIssueItem } from '../../../api/src/contract/data-quality.contract';
import type { ProblemDetails } from '../../../api/src/contract/problem.contract';
import { DataQualityRepository } from '../../../api/src/modules/data-quality/data-quality.repository';
import { INTERRUPTED_FAILURE } from '../../../api/src/modules/imports/extract-import';
import { snapshotDirOf } from '../../../api/src/modules/refresh/analytics-refresh';
import { SnapshotRefreshService } from '../../../api/src/modules/snapshot/snapshot-refresh.service';
import { SnapshotService } from '../../../api/src/modules/snapshot/snapshot.service';
import { WholePopulationCells } from '../../../api/src/modules/snapshot/whole-population-cells';
import { createApiWorld, type ApiWorld, type UserKey } from './api-fixture';

const OLDER = '11111111-1111-4111-8111-111111111111';
const NEWER = '22222222-2222-4222-8222-222222222222';

/**
 * Two imports as the importer records them: an older one (`pcsp import` of two server paths, its source the paths joined
 * by ', ') applied with one warning, and a newer upload whose conditions.csv was rejected with 11 stored errors (lines 2
 * to 12) and one warning.
 */
async function insertImports(world: ApiWorld): Promise<void> {
  const files = (status: string, errors: number, warnings: number) =>
    JSON.stringify([{ file: 'conditions.csv', origin: '/extracts/conditions.csv', status, rowsRead: 20, rowsApplied: status === 'applied' ? 20 : 0, inserted: 0, updated: 0, errors, warnings }]);
  await world.database.dataSource.query(
    `INSERT INTO import_jobs (id, status, format, source, requested_by, created_at, started_at, finished_at, bytes_total, bytes_read, rows_read, rows_applied, error_count, warning_count, files, failure) VALUES
       ($1, 'succeeded', 'csv', '/srv/pcsp/extracts/2024-06/, ../more/conditions.zip', 'admin@test.nhs.uk', '2024-06-01T08:00:00Z', '2024-06-01T08:00:01Z', '2024-06-01T08:02:00Z', 4096, 4096, 20, 20, 0, 1, $3, NULL),
       ($2, 'failed', 'csv', 'upload: conditions.csv', 'admin@test.nhs.uk', '2024-06-02T09:00:00Z', '2024-06-02T09:00:01Z', '2024-06-02T09:00:05Z', 2048, 2048, 20, 0, 11, 1, $4, NULL)`,
    [OLDER, NEWER, files('applied', 0, 1), files('rejected', 11, 1)],
  );
  await world.database.dataSource.query(
    `INSERT INTO import_issues (job_id, severity, file, line, "column", value, rule) VALUES ($1, 'warning', 'conditions.csv', 7, 'diagnosed_on', '2023-02-30', 'registration overlaps')`,
    [OLDER],
  );
  // Stored in this order: a warning first, then the errors, so the answer's order (errors first) is the API's doing.
  await world.database.dataSource.query(
    `INSERT INTO import_issues (job_id, severity, file, line, "column", value, rule) VALUES ($1, 'warning', 'conditions.csv', 3, NULL, NULL, 'resolved before diagnosed')`,
    [NEWER],
  );
  for (let line = 2; line <= 12; line++) {
    await world.database.dataSource.query(
      `INSERT INTO import_issues (job_id, severity, file, line, "column", value, rule) VALUES ($1, 'error', 'conditions.csv', $2, 'condition', 'XX', 'condition must be a register code')`,
      [NEWER, line],
    );
  }
}

const forbiddenBody = (instance: string, roles: string): ProblemDetails => ({
  type: 'about:blank',
  title: 'Forbidden',
  status: 403,
  detail: `Only ${roles} users may do this.`,
  instance,
});

describe('API data quality: imports, snapshot age and refresh', () => {
  jest.setTimeout(120_000);
  let world: ApiWorld;
  let pointer: SnapshotPointer;

  beforeAll(async () => {
    world = await createApiWorld();
    await insertImports(world);
    const read = readSnapshotPointer(snapshotDirOf(world.config));
    if (!read) throw new Error('the fixture built no snapshot');
    pointer = read;
  });
  afterAll(async () => {
    await world?.close();
  });

  it('gives admins the last imports (newest first) with their first issues and who asked for them, and the snapshot age', async () => {
    // The newer job keeps 10 of its 11 errors (lines 2 to 11, the cap per severity), errors before its one warning.
    const errors: ImportIssueItem[] = [];
    for (let line = 2; line <= 11; line++) errors.push({ severity: 'error', file: 'conditions.csv', line, column: 'condition', value: 'XX', rule: 'condition must be a register code' });
    const expected = {
      // The fixture built the snapshot as of 2024-06-10 moments ago: months 2023-01 to 2024-05, age 0.0 hours, fresh.
      snapshot: { builtAt: pointer.builtAt, firstMonth: '2023-01', lastMonth: '2024-05', ageHours: 0, stale: false, lastError: null, engineVersion: ENGINE_VERSION, duckdbVersion: DUCKDB_VERSION, engine: 'current' },
      imports: [
        {
          id: NEWER,
          status: 'failed',
          format: 'csv',
          source: 'upload: conditions.csv',
          requestedBy: 'admin@test.nhs.uk',
          createdAt: '2024-06-02T09:00:00.000Z',
          startedAt: '2024-06-02T09:00:01.000Z',
          finishedAt: '2024-06-02T09:00:05.000Z',
          bytesTotal: 2048,
          bytesRead: 2048,
          rowsRead: 20,
          rowsApplied: 0,
          errorCount: 11,
          warningCount: 1,
          files: [{ file: 'conditions.csv', status: 'rejected', rowsRead: 20, rowsApplied: 0, errors: 11, warnings: 1 }],
          failure: null,
          fhir: null,
          issues: [...errors, { severity: 'warning', file: 'conditions.csv', line: 3, column: null, value: null, rule: 'resolved before diagnosed' }],
        },
        {
          id: OLDER,
          status: 'succeeded',
          format: 'csv',
          source: '/srv/pcsp/extracts/2024-06/, ../more/conditions.zip',
          requestedBy: 'admin@test.nhs.uk',
          createdAt: '2024-06-01T08:00:00.000Z',
          startedAt: '2024-06-01T08:00:01.000Z',
          finishedAt: '2024-06-01T08:02:00.000Z',
          bytesTotal: 4096,
          bytesRead: 4096,
          rowsRead: 20,
          rowsApplied: 20,
          errorCount: 0,
          warningCount: 1,
          files: [{ file: 'conditions.csv', status: 'applied', rowsRead: 20, rowsApplied: 20, errors: 0, warnings: 1 }],
          failure: null,
          fhir: null,
          issues: [{ severity: 'warning', file: 'conditions.csv', line: 7, column: 'diagnosed_on', value: '2023-02-30', rule: 'registration overlaps' }],
        },
      ],
      // Said outright, not left to a missing key.
      issueLines: 'shown',
    };
    const response = await world.get('/api/data-quality', 'admin');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toStrictEqual(expected);
  });

  it('gives commissioners and network managers each import\'s summary but no issue line, no requester and no server path, and reads no issue for them', async () => {
    const summary = {
      snapshot: { builtAt: pointer.builtAt, firstMonth: '2023-01', lastMonth: '2024-05', ageHours: 0, stale: false, lastError: null, engineVersion: ENGINE_VERSION, duckdbVersion: DUCKDB_VERSION, engine: 'current' },
      imports: [
        {
          id: NEWER,
          status: 'failed',
          format: 'csv',
          // An upload's source names the files as uploaded: unchanged.
          source: 'upload: conditions.csv',
          requestedBy: null,
          createdAt: '2024-06-02T09:00:00.000Z',
          startedAt: '2024-06-02T09:00:01.000Z',
          finishedAt: '2024-06-02T09:00:05.000Z',
          bytesTotal: 2048,
          bytesRead: 2048,
          rowsRead: 20,
          rowsApplied: 0,
          // The counts stay: 11 errors and 1 warning stored, none of them listed.
          errorCount: 11,
          warningCount: 1,
          files: [{ file: 'conditions.csv', status: 'rejected', rowsRead: 20, rowsApplied: 0, errors: 11, warnings: 1 }],
          failure: null,
          fhir: null,
          issues: [],
        },
        {
          id: OLDER,
          status: 'succeeded',
          format: 'csv',
          // '/srv/pcsp/extracts/2024-06/' and '../more/conditions.zip' by their last parts.
          source: '2024-06, conditions.zip',
          requestedBy: null,
          createdAt: '2024-06-01T08:00:00.000Z',
          startedAt: '2024-06-01T08:00:01.000Z',
          finishedAt: '2024-06-01T08:02:00.000Z',
          bytesTotal: 4096,
          bytesRead: 4096,
          rowsRead: 20,
          rowsApplied: 20,
          errorCount: 0,
          warningCount: 1,
          files: [{ file: 'conditions.csv', status: 'applied', rowsRead: 20, rowsApplied: 20, errors: 0, warnings: 1 }],
          failure: null,
          fhir: null,
          issues: [],
        },
      ],
      issueLines: 'administrators only',
    };
    const firstIssues = jest.spyOn(world.app.get(DataQualityRepository), 'firstIssues');
    try {
      for (const who of ['icb', 'region'] as UserKey[]) {
        const response = await world.get('/api/data-quality', who);
        expect([who, response.statusCode]).toEqual([who, 200]);
        expect(response.json()).toStrictEqual(summary);
      }
      expect(firstIssues).not.toHaveBeenCalled();
      // The same spy sees the admin's read, so the check above could fail.
      await world.get('/api/data-quality', 'admin');
      expect(firstIssues).toHaveBeenCalledTimes(1);
    } finally {
      firstIssues.mockRestore();
    }
  });

  it('gives a FHIR import with its report: resources read per type, types skipped and codes in no code list', async () => {
    const FHIR_JOB = '33333333-3333-4333-8333-333333333333';
    const report = {
      resources: { Patient: 1200, Observation: 4, CarePlan: 2 },
      skippedTypes: { MedicationRequest: 3 },
      unknownCodes: { 'Observation http://loinc.org|2345-7': 2, 'Condition (no code)': 1 },
    };
    const files = [{ file: 'Patient.ndjson', origin: '/fhir/Patient.ndjson', status: 'applied', rowsRead: 1200, rowsApplied: 1200, inserted: 1200, updated: 0, errors: 0, warnings: 0 }];
    await world.database.dataSource.query(
      `INSERT INTO import_jobs (id, status, format, source, created_at, started_at, finished_at, bytes_total, bytes_read, rows_read, rows_applied, error_count, warning_count, files, fhir_report)
       VALUES ($1, 'succeeded', 'fhir', '/fhir', '2024-06-03T10:00:00Z', '2024-06-03T10:00:01Z', '2024-06-03T10:00:09Z', 8192, 8192, 1200, 1200, 0, 3, $2, $3)`,
      [FHIR_JOB, JSON.stringify(files), JSON.stringify(report)],
    );
    try {
      const response = await world.get('/api/data-quality', 'icb');
      expect(response.statusCode).toBe(200);
      const { imports } = response.json();
      // Newest first: the FHIR job, then the two flat extracts, which have no report.
      expect(imports.map((job: { id: string; format: string; fhir: unknown }) => [job.id, job.format, job.fhir])).toEqual([
        [FHIR_JOB, 'fhir', report],
        [NEWER, 'csv', null],
        [OLDER, 'csv', null],
      ]);
      // The file list keeps the contract's fields only (no origin, inserted or updated).
      expect(imports[0].files).toEqual([{ file: 'Patient.ndjson', status: 'applied', rowsRead: 1200, rowsApplied: 1200, errors: 0, warnings: 0 }]);
    } finally {
      await world.database.dataSource.query('DELETE FROM import_jobs WHERE id = $1', [FHIR_JOB]);
    }
  });

  it('lists an import left running by a process that stopped as failed (interrupted), not running', async () => {
    // A CLI import killed while the server runs: its row stays 'running', and no session holds its lease.
    const LEFT = '44444444-4444-4444-8444-444444444444';
    await world.database.dataSource.query(
      `INSERT INTO import_jobs (id, status, format, source, created_at, started_at) VALUES ($1, 'running', 'csv', '/extracts', now(), now())`,
      [LEFT],
    );
    try {
      const response = await world.get('/api/data-quality', 'admin');
      expect(response.statusCode).toBe(200);
      const job = response.json().imports.find((j: { id: string }) => j.id === LEFT);
      expect([job?.status, job?.failure]).toEqual(['failed', INTERRUPTED_FAILURE]);
    } finally {
      await world.database.dataSource.query('DELETE FROM import_jobs WHERE id = $1', [LEFT]);
    }
  });

  it('gives admins a failed import\'s failure as recorded, and commissioners and network managers a plain sentence in its place', async () => {
    // Two CLI imports that stopped, as the importer words it: a path it was given that is not there (ExtractSourceError's
    // message), and an error thrown while importing ('the import stopped: ' and the error's message).
    const MISSING = '55555555-5555-4555-8555-555555555555';
    const STOPPED = '66666666-6666-4666-8666-666666666666';
    await world.database.dataSource.query(
      `INSERT INTO import_jobs (id, status, format, source, requested_by, created_at, started_at, finished_at, failure) VALUES
         ($1, 'failed', 'csv', '/srv/pcsp/extracts/2024-07', 'admin@test.nhs.uk', '2024-06-04T08:00:00Z', '2024-06-04T08:00:01Z', '2024-06-04T08:00:01Z', '/srv/pcsp/extracts/2024-07: no such file or folder'),
         ($2, 'failed', 'csv', '/srv/pcsp/extracts/2024-08', 'admin@test.nhs.uk', '2024-06-05T08:00:00Z', '2024-06-05T08:00:01Z', '2024-06-05T08:00:09Z', 'the import stopped: connect ECONNREFUSED 10.0.0.5:5432')`,
      [MISSING, STOPPED],
    );
    const failures = async (who: UserKey) => {
      const response = await world.get('/api/data-quality', who);
      expect([who, response.statusCode]).toEqual([who, 200]);
      return response.json().imports.map((job: { id: string; status: string; source: string; requestedBy: string | null; failure: string | null }) => [job.id, job.status, job.source, job.requestedBy, job.failure]);
    };
    try {
      // Newest first: the two that stopped, then the rejected upload and the applied import, whose failure is null.
      await expect(failures('admin')).resolves.toEqual([
        [STOPPED, 'failed', '/srv/pcsp/extracts/2024-08', 'admin@test.nhs.uk', 'the import stopped: connect ECONNREFUSED 10.0.0.5:5432'],
        [MISSING, 'failed', '/srv/pcsp/extracts/2024-07', 'admin@test.nhs.uk', '/srv/pcsp/extracts/2024-07: no such file or folder'],
        [NEWER, 'failed', 'upload: conditions.csv', 'admin@test.nhs.uk', null],
        [OLDER, 'succeeded', '/srv/pcsp/extracts/2024-06/, ../more/conditions.zip', 'admin@test.nhs.uk', null],
      ]);
      for (const who of ['icb', 'region'] as UserKey[]) {
        // The same sentence for both, whatever the text: no path, no error; a null failure stays null.
        await expect(failures(who)).resolves.toEqual([
          [STOPPED, 'failed', '2024-08', null, 'The import stopped before it finished; administrators see why.'],
          [MISSING, 'failed', '2024-07', null, 'The import stopped before it finished; administrators see why.'],
          [NEWER, 'failed', 'upload: conditions.csv', null, null],
          [OLDER, 'succeeded', '2024-06, conditions.zip', null, null],
        ]);
      }
    } finally {
      await world.database.dataSource.query('DELETE FROM import_jobs WHERE id IN ($1, $2)', [MISSING, STOPPED]);
    }
  });

  it('refuses practice users the imports (403), and anyone not signed in both (401)', async () => {
    for (const who of ['practice', 'london'] as UserKey[]) {
      const response = await world.get('/api/data-quality', who);
      expect([who, response.statusCode]).toEqual([who, 403]);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(response.json()).toEqual(forbiddenBody('/api/data-quality', 'admin or commissioner or network'));
    }
    for (const url of ['/api/data-quality', '/api/snapshot']) {
      const response = await world.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(401);
      expect(response.json().detail).toBe('Sign in first: send the session cookie or an Authorization: Bearer token.');
    }
  });

  it('reports a stale snapshot and the last refresh error from snapshot_state: its text to admins, a plain sentence to the others', async () => {
    await world.database.dataSource.query(`UPDATE snapshot_state SET stale = true, records_changed_at = now(), last_error = 'disk full' WHERE id = 1`);
    const [{ refreshed_at: refreshedAt }]: { refreshed_at: Date }[] = await world.database.dataSource.query('SELECT refreshed_at FROM snapshot_state');
    const withheld = 'The last refresh failed, so the figures are still those of the snapshot built before it.';
    // Practice users are given how fresh the figures are (GET /api/snapshot) as the other non-admins are, not the imports.
    for (const [who, lastError, readsImports] of [
      ['admin', 'disk full', true],
      ['icb', withheld, true],
      ['region', withheld, true],
      ['practice', withheld, false],
      ['london', withheld, false],
    ] as [UserKey, string, boolean][]) {
      if (readsImports) {
        const response = await world.get('/api/data-quality', who);
        expect([who, response.statusCode]).toEqual([who, 200]);
        expect([who, response.json().snapshot]).toEqual([who, { builtAt: pointer.builtAt, firstMonth: '2023-01', lastMonth: '2024-05', ageHours: 0, stale: true, lastError, engineVersion: ENGINE_VERSION, duckdbVersion: DUCKDB_VERSION, engine: 'current' }]);
      }
      const status = await world.get('/api/snapshot', who);
      expect([who, status.statusCode]).toEqual([who, 200]);
      expect([who, status.json()]).toEqual([
        who,
        {
          snapshot: { builtAt: pointer.builtAt, firstMonth: '2023-01', lastMonth: '2024-05', ageHours: 0, stale: true, lastError, engineVersion: ENGINE_VERSION, duckdbVersion: DUCKDB_VERSION, engine: 'current', refreshedAt: refreshedAt.toISOString() },
          refresh: null,
        },
      ]);
    }
  });

  it('lets only admins refresh the snapshot: 403 for the others, 202 then 409 while it runs, audited once as a refresh, fresh afterwards', async () => {
    for (const [who, cookie] of [
      ['icb', world.cookie.icb],
      ['region', world.cookie.region],
      ['practice', world.cookie.practice],
    ]) {
      const response = await world.app.inject({ method: 'POST', url: '/api/snapshot/refresh', headers: { cookie } });
      expect([who, response.statusCode]).toEqual([who, 403]);
      expect(response.json()).toEqual(forbiddenBody('/api/snapshot/refresh', 'admin'));
    }

    const started = await world.app.inject({ method: 'POST', url: '/api/snapshot/refresh', headers: { cookie: world.cookie.admin } });
    expect(started.statusCode).toBe(202);
    const run = started.json().refresh;
    expect(started.json()).toEqual({
      snapshot: { builtAt: pointer.builtAt, firstMonth: '2023-01', lastMonth: '2024-05', ageHours: 0, stale: true, lastError: 'disk full', engineVersion: ENGINE_VERSION, duckdbVersion: DUCKDB_VERSION, engine: 'current', refreshedAt: expect.any(String) },
      refresh: { state: 'running', requestedBy: 'admin@test.nhs.uk', startedAt: run.startedAt, finishedAt: null, error: null },
    });
    expect(Date.now() - Date.parse(run.startedAt)).toBeLessThan(60_000);

    const again = await world.app.inject({ method: 'POST', url: '/api/snapshot/refresh', headers: { cookie: world.cookie.admin } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({
      type: 'about:blank',
      title: 'Conflict',
      status: 409,
      detail: `A refresh of the snapshot requested by admin@test.nhs.uk has been running since ${run.startedAt}; try again when it has finished.`,
      instance: '/api/snapshot/refresh',
    });

    await world.app.get(SnapshotRefreshService).idle();
    const after = readSnapshotPointer(snapshotDirOf(world.config));
    expect(after?.file).not.toBe(pointer.file);
    const status = await world.get('/api/snapshot', 'admin');
    expect(status.statusCode).toBe(200);
    const [{ refreshed_at: refreshedAt }]: { refreshed_at: Date }[] = await world.database.dataSource.query('SELECT refreshed_at FROM snapshot_state');
    // The refresh runs as of today, so its months end with last month; records did not change while it ran: fresh, error cleared.
    expect(status.json()).toEqual({
      snapshot: { builtAt: after?.builtAt, firstMonth: after?.firstMonth, lastMonth: after?.lastMonth, ageHours: 0, stale: false, lastError: null, engineVersion: ENGINE_VERSION, duckdbVersion: DUCKDB_VERSION, engine: 'current', refreshedAt: refreshedAt.toISOString() },
      refresh: { state: 'succeeded', requestedBy: 'admin@test.nhs.uk', startedAt: run.startedAt, finishedAt: status.json().refresh.finishedAt, error: null },
    });
    expect(Date.parse(status.json().refresh.finishedAt)).toBeGreaterThanOrEqual(Date.parse(run.startedAt));
    // The others, practice users among them, see the same run without who asked for it.
    for (const who of ['icb', 'region', 'practice'] as UserKey[]) {
      const theirs = await world.get('/api/snapshot', who);
      expect([who, theirs.statusCode]).toEqual([who, 200]);
      expect([who, theirs.json()]).toEqual([
        who,
        {
          snapshot: status.json().snapshot,
          refresh: { state: 'succeeded', requestedBy: null, startedAt: run.startedAt, finishedAt: status.json().refresh.finishedAt, error: null },
        },
      ]);
    }

    // A refresh is audited as its own action, not as an import; the 403s and the 409 are not audited at all.
    const audit = await world.get('/api/audit?action=refresh', 'admin');
    expect(audit.statusCode).toBe(200);
    expect(audit.json().entries.map((e: { action: string; email: string; target: string }) => [e.action, e.email, e.target])).toEqual([['refresh', 'admin@test.nhs.uk', 'snapshot refresh']]);
    expect((await world.get('/api/audit?action=import', 'admin')).json().total).toBe(0);
  });

  it('answers 409 while another process (pcsp refresh) holds the store\'s refresh lock, and starts nothing', async () => {
    // The lock names its holder; this test's own process is alive, as a pcsp refresh running beside the API would be.
    const lock = join(snapshotDirOf(world.config), 'refresh.lock');
    writeFileSync(lock, String(process.pid));
    try {
      const before = (await world.get('/api/snapshot', 'admin')).json().refresh;
      const refused = await world.app.inject({ method: 'POST', url: '/api/snapshot/refresh', headers: { cookie: world.cookie.admin } });
      expect([refused.statusCode, refused.json().detail]).toEqual([
        409,
        `A refresh of the snapshot is running in another process (${process.pid}); try again when it has finished.`,
      ]);
      expect((await world.get('/api/snapshot', 'admin')).json().refresh).toEqual(before);
    } finally {
      rmSync(lock, { force: true });
    }
  });

  it('works out the new snapshot\'s alerts and whole-population cells as soon as a refresh it runs publishes it, before anyone asks', async () => {
    const before = readSnapshotPointer(snapshotDirOf(world.config));
    // The alerts read every practice's months in chunks (the service's only chunked read); the cells are loaded by WholePopulationCells.load.
    // The cells, which every page's figures come from, are loaded before the alerts begin to read.
    const order: string[] = [];
    const load = WholePopulationCells.load.bind(WholePopulationCells);
    const snapshot = world.app.get(SnapshotService);
    const scan = snapshot.scanChunks.bind(snapshot);
    const chunkedReads = jest.spyOn(snapshot, 'scanChunks').mockImplementation((...args) => {
      order.push('practice months read');
      return scan(...args);
    });
    const cellLoads = jest.spyOn(WholePopulationCells, 'load').mockImplementation(async (...args) => {
      const cells = await load(...args);
      order.push('cells loaded');
      return cells;
    });
    try {
      const started = await world.app.inject({ method: 'POST', url: '/api/snapshot/refresh', headers: { cookie: world.cookie.admin } });
      expect(started.statusCode).toBe(202);
      await world.app.get(SnapshotRefreshService).idle();
      const after = readSnapshotPointer(snapshotDirOf(world.config));
      expect(after?.file).not.toBe(before?.file);
      // Nobody has asked for alerts or figures since the refresh, yet both were worked out once, for the new snapshot.
      expect(chunkedReads.mock.calls.map(([sql, values]) => [sql, values])).toEqual([
        [PRACTICE_ALERT_MONTHS_SQL, { from: expect.any(String), to: `${after?.lastMonth}-01` }],
      ]);
      expect(cellLoads).toHaveBeenCalledTimes(1);
      expect(order).toEqual(['cells loaded', 'practice months read']);

      // The first requests are answered from that work: nothing is read or loaded again.
      const alerts = await world.get('/api/alerts', 'icb');
      expect(alerts.statusCode).toBe(200);
      expect(alerts.json().month).toBe(after?.lastMonth);
      const series = await world.get('/api/measures/plan_coverage/series?org=QHM', 'icb');
      expect(series.statusCode).toBe(200);
      expect(chunkedReads).toHaveBeenCalledTimes(1);
      expect(cellLoads).toHaveBeenCalledTimes(1);
    } finally {
      chunkedReads.mockRestore();
      cellLoads.mockRestore();
    }
  });
});
