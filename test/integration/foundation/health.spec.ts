import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../../api/src/config/app-config';
import { createApp, dashboardDir } from '../../../api/src/main';
import { refreshAnalytics } from '../../../api/src/modules/refresh/analytics-refresh';
import { openTempDir, removeTempDirs } from '../../support/cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

/** The smallest population with one activity record, so that a snapshot can be built. */
async function insertOnePatient(database: TestDatabase): Promise<void> {
  await database.dataSource.query(`
    INSERT INTO organisations (code, name, level, parent_code) VALUES
      ('Y63', 'North East and Yorkshire', 'region', NULL),
      ('QHM', 'North East and North Cumbria ICB', 'icb', 'Y63'),
      ('00L', 'Northumberland', 'sub_icb', 'QHM'),
      ('U12345', 'Blyth PCN', 'pcn', '00L'),
      ('A81001', 'The Surgery', 'practice', 'U12345');
    INSERT INTO patients (pseudonym, birth_date, sex, ethnic_group) VALUES ('P1', '1950-06-01', 'F', 'white');
    INSERT INTO registrations (patient_id, practice_code, registered_on) SELECT id, 'A81001', '2000-01-01' FROM patients;
    INSERT INTO conditions (patient_id, condition, diagnosed_on) SELECT id, 'DM', '2010-01-01' FROM patients;
    INSERT INTO care_plans (plan_id, patient_id, practice_code, agreed_on) SELECT 'PLAN-1', id, 'A81001', '2024-03-15' FROM patients;
  `);
}

describe('health, readiness and the dashboard shell', () => {
  jest.setTimeout(60_000);
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const config = loadConfig({ DATA_DIR: 'data', LOG_LEVEL: 'silent' }, openTempDir('pcsp-health-'));

  beforeAll(async () => {
    database = await createTestDatabase('pcsp_health');
    app = await createApp({ config, databaseUrl: database.url });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    removeTempDirs();
  });

  it('answers liveness at once', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok' });
  });

  it('is not ready until a snapshot is loaded, then ready with the database and the snapshot up', async () => {
    const before = await app.inject({ method: 'GET', url: '/api/ready' });
    expect(before.statusCode).toBe(503);
    expect(before.json()).toMatchObject({
      status: 'error',
      info: { database: { status: 'up' } },
      error: { snapshot: { status: 'down' } },
    });

    await insertOnePatient(database);
    const { pointer } = await refreshAnalytics(database.dataSource, config, { pgUrl: database.url, asOf: new Date('2024-06-10') });
    expect(pointer).toMatchObject({ firstMonth: '2024-03', lastMonth: '2024-05' });

    const after = await app.inject({ method: 'GET', url: '/api/ready' });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, snapshot: { status: 'up', lastMonth: '2024-05' } } });
    const [state] = await database.dataSource.query('SELECT stale, last_error FROM snapshot_state');
    expect(state).toEqual({ stale: false, last_error: null });
  });

  it('answers an unknown API route with a 404 problem, and client routes with the dashboard shell', async () => {
    const missing = await app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');

    // npm test builds the dashboard before jest runs; without a build there is nothing to serve.
    expect(dashboardDir()).toBeDefined();
    for (const url of ['/', '/compare?measure=plan_coverage']) {
      const page = await app.inject({ method: 'GET', url });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('<div id="root">');
    }
  });

  it('serves a dashboard file written after start (a rebuild’s new hashed assets) without a restart', async () => {
    const dir = dashboardDir() as string;
    const name = `assets/after-start-${process.pid}.js`;
    writeFileSync(join(dir, name), 'export const rebuilt = 1;\n');
    try {
      const asset = await app.inject({ method: 'GET', url: `/${name}` });
      expect([asset.statusCode, asset.body]).toEqual([200, 'export const rebuilt = 1;\n']);
      expect(asset.headers['content-type']).toContain('javascript');
    } finally {
      rmSync(join(dir, name), { force: true });
    }
    const gone = await app.inject({ method: 'GET', url: '/api/assets/nothing.js' });
    expect([gone.statusCode, gone.headers['content-type']]).toEqual([404, 'application/problem+json; charset=utf-8']);
  });
});
