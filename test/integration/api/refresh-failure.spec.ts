import { readSnapshotPointer, type SnapshotPointer } from '@pcsp/analytics';
import { Logger } from '@nestjs/common';
import { snapshotDirOf } from '../../../api/src/modules/refresh/analytics-refresh';
import { SnapshotRefreshService } from '../../../api/src/modules/snapshot/snapshot-refresh.service';
import { createApiWorld, type ApiWorld, type UserKey } from './api-fixture';

/**
 * A refresh asked for through the API that a check of the records stops (DuckDB's error() in the build): the Data
 * page's last refresh error and the run's error say it in plain words, DuckDB's own text goes to the server log, and
 * the snapshot built before keeps serving.
 */
describe('API refresh stopped by a check of the records', () => {
  jest.setTimeout(120_000);
  let world: ApiWorld;
  let pointer: SnapshotPointer;

  beforeAll(async () => {
    world = await createApiWorld();
    const read = readSnapshotPointer(snapshotDirOf(world.config));
    if (!read) throw new Error('the fixture built no snapshot');
    pointer = read;
  });
  afterAll(async () => {
    await world?.close();
  });

  it('stores and shows the check in plain words and logs DuckDB\'s text', async () => {
    // The fixture's 3 practices and 16,381 more: 16,384, one more than the 16,383 the engine's practice keys hold.
    await world.database.dataSource.query(
      `INSERT INTO organisations (code, name, level, parent_code) SELECT 'Z' || lpad(i::text, 5, '0'), 'Extra', 'practice', 'U11111' FROM generate_series(1, 16381) i`,
    );
    const logged = jest.spyOn(Logger.prototype, 'error');
    try {
      const started = await world.app.inject({ method: 'POST', url: '/api/snapshot/refresh', headers: { cookie: world.cookie.admin } });
      expect(started.statusCode).toBe(202);
      await world.app.get(SnapshotRefreshService).idle();

      const expected =
        `snapshot refresh failed (the snapshot built at ${pointer.builtAt} keeps serving): computing the measures stopped at a ` +
        'check of the records: the records name more than 16383 practices, more than the analytics engine can count (England ' +
        'has about 6,300); check the practice codes of the organisations and registrations imported, then refresh again';
      const quality = await world.get('/api/data-quality', 'admin');
      expect(quality.statusCode).toBe(200);
      expect(quality.json().snapshot).toMatchObject({ builtAt: pointer.builtAt, lastError: expected });
      const status = await world.get('/api/snapshot', 'admin');
      const { startedAt, finishedAt } = status.json().refresh;
      expect(status.json().snapshot).toMatchObject({ builtAt: pointer.builtAt, lastError: expected });
      expect(status.json().refresh).toEqual({ state: 'failed', requestedBy: 'admin@test.nhs.uk', startedAt, finishedAt, error: expected });
      // Commissioners and network managers learn that it failed and that the figures are the snapshot's built before it
      // (builtAt), not the check's text (the database's own words in other failures), nor who asked for the refresh.
      const withheld = 'The last refresh failed, so the figures are still those of the snapshot built before it.';
      for (const who of ['icb', 'region'] as UserKey[]) {
        const theirQuality = await world.get('/api/data-quality', who);
        expect([who, theirQuality.statusCode]).toEqual([who, 200]);
        expect([who, theirQuality.json().snapshot]).toEqual([who, { ...quality.json().snapshot, lastError: withheld }]);
        const theirStatus = await world.get('/api/snapshot', who);
        expect([who, theirStatus.statusCode]).toEqual([who, 200]);
        expect([who, theirStatus.json()]).toEqual([
          who,
          { snapshot: { ...status.json().snapshot, lastError: withheld }, refresh: { state: 'failed', requestedBy: null, startedAt, finishedAt, error: null } },
        ]);
      }
      // A practice lead, who is not given the imports, is given the same answer as they are on how fresh the figures are.
      const practiceStatus = await world.get('/api/snapshot', 'practice');
      expect([practiceStatus.statusCode, practiceStatus.json()]).toEqual([
        200,
        { snapshot: { ...status.json().snapshot, lastError: withheld }, refresh: { state: 'failed', requestedBy: null, startedAt, finishedAt, error: null } },
      ]);
      // The error itself is logged: pino writes its message, stack and fields, the detail among them.
      expect(logged.mock.calls).toEqual([
        [expect.objectContaining({ message: expected, detail: expect.stringContaining('Invalid Input Error: more than 16383 practices') })],
      ]);
      expect(readSnapshotPointer(snapshotDirOf(world.config))).toEqual(pointer);
    } finally {
      logged.mockRestore();
      await world.database.dataSource.query(`DELETE FROM organisations WHERE code LIKE 'Z%'`);
    }
  });
});
