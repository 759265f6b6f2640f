import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportCells } from '../export/export-cells';
import { CREATE_RECORD_TABLES_SQL } from '../sql/record-tables.sql';
import { CELL_SERIES_SQL, SNAPSHOT_INFO_SQL } from '../sql/snapshot-queries.sql';
import { insertRecordRows } from './record-rows';
import { SnapshotReader } from './snapshot-reader';
import { refreshSnapshotFromDuckDb } from './snapshot-refresh';
import { DUCKDB_VERSION, ENGINE_VERSION } from './snapshot-build';
import { CURRENT_POINTER, publishSnapshot, readSnapshotPointer, snapshotStanding, type SnapshotEngineVersions } from './snapshot-store';
import { patient, TEST_ORGANISATIONS } from './testing/test-world';

// The store: build into a new file, swap the pointer atomically, keep the old one serving on
// failure, keep only the current and the previous file; the reader follows the pointer.

describe('snapshot store and reader', () => {
  let dir: string;
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  let reader: SnapshotReader;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pcsp-store-'));
    instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    connection = await instance.connect();
    await connection.run(CREATE_RECORD_TABLES_SQL);
    // Two patients at A00001 from 2024-01-10, one with DM: ltc_prevalence 1/2 in 2024-01 and 2024-02.
    await insertRecordRows(connection, {
      organisations: TEST_ORGANISATIONS,
      patients: [patient(1), patient(2)],
      registrations: [
        { id: 1, patient_id: 1, practice_code: 'A00001', registered_on: '2024-01-10' },
        { id: 2, patient_id: 2, practice_code: 'A00001', registered_on: '2024-01-10' },
      ],
      conditions: [{ id: 1, patient_id: 1, condition: 'DM', diagnosed_on: '2020-01-01' }],
      care_plans: [{ id: 1, plan_id: 'x', patient_id: 1, practice_code: 'A00001', agreed_on: '2024-01-20' }],
    });
    reader = new SnapshotReader(dir);
  }, 60_000);
  afterAll(() => {
    reader.close();
    connection.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  });

  const series = (measure: string) =>
    reader.query(CELL_SERIES_SQL, { measure, level: 'practice', org: 'A00001', breakdown: '' });

  it('has nothing to serve before the first refresh', async () => {
    await expect(reader.current()).resolves.toBeUndefined();
    await expect(reader.query(SNAPSHOT_INFO_SQL)).rejects.toThrow(/no analytics snapshot has been built yet/);
  });

  it('publishes a snapshot and serves it read-only', async () => {
    // First activity: the plan of 2024-01-20; asOf 2024-03-05 → months 2024-01 and 2024-02.
    const pointer = await refreshSnapshotFromDuckDb({ connection, snapshotDir: dir, asOf: new Date('2024-03-05T12:00:00Z') });
    expect(pointer).toMatchObject({ asOf: '2024-03-05', firstMonth: '2024-01', lastMonth: '2024-02', previousFile: null });
    expect(readSnapshotPointer(dir)).toEqual(pointer);
    await expect(reader.query(SNAPSHOT_INFO_SQL)).resolves.toEqual([
      { as_of: '2024-03-05', built_at: pointer.builtAt, first_month: '2024-01', last_month: '2024-02' },
    ]);
    const rows = await series('ltc_prevalence');
    expect(rows.map((r) => [r.month, r.numerator, r.denominator, r.rate])).toEqual([
      ['2024-01', 1, 2, 50],
      ['2024-02', 1, 2, 50],
    ]);
    await expect(reader.withConnection((c) => c.run('CREATE TABLE x (a INTEGER)'))).rejects.toThrow(/read-only/i);
  }, 60_000);

  it('records the engine version and the DuckDB library that built the snapshot in its pointer and in its snapshot_info', async () => {
    // DUCKDB_VERSION is the library's own name for itself, as DuckDB's version() gives it on any connection.
    const [[library]] = (await connection.runAndReadAll('SELECT version()')).getRows();
    expect([DUCKDB_VERSION, /^v\d+\.\d+\.\d+/.test(DUCKDB_VERSION)]).toEqual([library, true]);
    // As written to current.json (not filled in on reading), and in the snapshot file itself.
    const written = JSON.parse(readFileSync(join(dir, CURRENT_POINTER), 'utf8')) as Record<string, unknown>;
    expect([written.engineVersion, written.duckdbVersion]).toEqual([ENGINE_VERSION, DUCKDB_VERSION]);
    const pointer = readSnapshotPointer(dir);
    expect([pointer?.engineVersion, pointer?.duckdbVersion]).toEqual([ENGINE_VERSION, DUCKDB_VERSION]);
    await expect(reader.query('SELECT engine_version, duckdb_version FROM snapshot_info')).resolves.toEqual([
      { engine_version: ENGINE_VERSION, duckdb_version: DUCKDB_VERSION },
    ]);
    expect(snapshotStanding(pointer as SnapshotEngineVersions)).toBe('current');
  });

  it('swaps in a new snapshot, keeps the previous file and removes older ones', async () => {
    const first = readSnapshotPointer(dir);
    await connection.run("UPDATE conditions SET resolved_on = DATE '2024-02-15'");
    const second = await refreshSnapshotFromDuckDb({ connection, snapshotDir: dir, asOf: new Date('2024-03-05') });
    expect(second.previousFile).toBe(first?.file);
    // The reader follows the pointer: DM resolved in Feb → 0/2 in 2024-02.
    const rows = await series('ltc_prevalence');
    expect(rows.map((r) => [r.month, r.numerator, r.denominator])).toEqual([
      ['2024-01', 1, 2],
      ['2024-02', 0, 2],
    ]);
    const third = await refreshSnapshotFromDuckDb({ connection, snapshotDir: dir, asOf: new Date('2024-03-05') });
    const files = readdirSync(dir).filter((f) => f.endsWith('.duckdb')).sort();
    expect(files).toEqual([second.file, third.file].sort());
    expect(existsSync(join(dir, first?.file as string))).toBe(false);
  }, 60_000);

  it('leaves the old snapshot serving when a build fails, and says why', async () => {
    const before = readSnapshotPointer(dir);
    await expect(
      refreshSnapshotFromDuckDb({ connection, snapshotDir: dir, asOf: new Date('2024-03-05'), from: '2024-13' }),
    ).rejects.toThrow(/snapshot refresh failed \(the snapshot built at .* keeps serving\): from must be a month YYYY-MM, got "2024-13"/);
    await expect(
      publishSnapshot(dir, async (outFile) => {
        writeFileSync(outFile, 'half-written');
        throw new Error('disk full');
      }),
    ).rejects.toThrow(/keeps serving\): disk full/);
    expect(readSnapshotPointer(dir)).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.endsWith('.duckdb')).length).toBe(2);
    await expect(series('ltc_prevalence')).resolves.toHaveLength(2);
  });

  it('refuses a second refresh while one holds the lock', async () => {
    writeFileSync(join(dir, 'refresh.lock'), String(process.pid));
    try {
      await expect(refreshSnapshotFromDuckDb({ connection, snapshotDir: dir })).rejects.toThrow(/another snapshot refresh is running/);
    } finally {
      rmSync(join(dir, 'refresh.lock'));
    }
  });

  it('exports every cell as CSV with the header of issue 4', async () => {
    const out = join(dir, 'cells.csv');
    const rows = await exportCells(reader, out, { from: '2024-02', to: '2024-02', measures: ['ltc_prevalence', 'preparation', 'plan_coverage'] });
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('measure,month,level,org,breakdown,numerator,denominator,rate,ci_low,ci_high');
    expect(lines).toHaveLength(rows + 1);
    // ltc_prevalence 2024-02 at A00001, whole population: DM resolved → 0 of 2, Wilson 0% to 65.7620%
    // (z²=3.841459: (0 + 3.841459 + 1.959964·√3.841459) / (2·(2 + 3.841459)) = 0.657620).
    const whole = lines.filter((l) => l.startsWith('ltc_prevalence,2024-02,practice,A00001,,'));
    expect(whole).toHaveLength(1);
    const [, , , , , numerator, denominator, rate, low, high] = whole[0].split(',');
    expect([numerator, denominator, rate, low]).toEqual(['0', '2', '0.0', '0.0']);
    expect(Number(high)).toBeCloseTo(65.762, 3);
    // Breakdowns as dimension=value, England as ENG, only the requested measures and month.
    expect(lines).toContain('ltc_prevalence,2024-02,england,ENG,sex=F,0,2,0.0,0.0,' + high);
    // plan_coverage has no cell: nobody is on the register in 2024-02 (a zero denominator is not a cell).
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0]))).toEqual(new Set(['ltc_prevalence', 'preparation']));
    expect(new Set(lines.slice(1).map((l) => l.split(',')[1]))).toEqual(new Set(['2024-02']));
    await expect(exportCells(reader, out, { measures: ['nope'] })).rejects.toThrow(/unknown measure id\(s\): nope/);
  });

  it('exports a count measure with empty denominator, rate and interval', async () => {
    await connection.run("INSERT INTO care_plans VALUES (2, 'y', 2, 'A00001', DATE '2023-01-05', DATE '2023-06-01', NULL, NULL, NULL)");
    await connection.run("INSERT INTO conditions VALUES (2, 2, 'HYP', NULL, DATE '2020-01-01', NULL)");
    await refreshSnapshotFromDuckDb({ connection, snapshotDir: dir, asOf: new Date('2024-03-05') });
    const out = join(dir, 'overdue.csv');
    await exportCells((await reader.currentPath()) as string, out, { measures: ['overdue_reviews'], from: '2024-02' });
    // Patient 2's plan was due 2023-06-01, never reviewed, no later plan, and P2 is on the HYP register.
    expect(readFileSync(out, 'utf8')).toContain('overdue_reviews,2024-02,practice,A00001,,1,,,,\n');
  }, 60_000);
});

describe('the engine versions of a pointer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pcsp-pointer-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // The fields older code wrote: no engineVersion, no duckdbVersion.
  const older = {
    file: 'snapshot-2024-03-05T12-00-00-000Z-abc.duckdb',
    previousFile: null,
    asOf: '2024-03-05',
    builtAt: '2024-03-05T12:00:00.000Z',
    firstMonth: '2024-01',
    lastMonth: '2024-02',
    practiceCells: 40,
    cells: 120,
  };
  const writePointer = (pointer: Record<string, unknown>) => writeFileSync(join(dir, CURRENT_POINTER), JSON.stringify(pointer));

  it('reads a pointer written before versions were recorded as built by no recorded version, an earlier engine', () => {
    writePointer(older);
    expect(readSnapshotPointer(dir)).toEqual({ ...older, engineVersion: null, duckdbVersion: null });
    expect(snapshotStanding({ engineVersion: null, duckdbVersion: null })).toBe('earlier');
  });

  it('reads one with this engine version but no DuckDB library (written before it was recorded) as built by an earlier engine', () => {
    writePointer({ ...older, engineVersion: ENGINE_VERSION });
    const pointer = readSnapshotPointer(dir) as SnapshotEngineVersions;
    expect([pointer.engineVersion, pointer.duckdbVersion, snapshotStanding(pointer)]).toEqual([ENGINE_VERSION, null, 'earlier']);
  });

  it('reads a recorded DuckDB library as it is, and anything but a non-empty string as none', () => {
    writePointer({ ...older, engineVersion: ENGINE_VERSION, duckdbVersion: 'v1.4.0' });
    expect(readSnapshotPointer(dir)?.duckdbVersion).toBe('v1.4.0');
    for (const library of ['', 1.4, null, ['v1.4.0']]) {
      writePointer({ ...older, engineVersion: ENGINE_VERSION, duckdbVersion: library });
      expect([library, readSnapshotPointer(dir)?.duckdbVersion]).toEqual([library, null]);
    }
  });

  it('reads a recorded version as it is, and anything but a positive integer as none', () => {
    writePointer({ ...older, engineVersion: 1 });
    expect(readSnapshotPointer(dir)?.engineVersion).toBe(1);
    for (const version of ['2', 0, -1, 1.5, null]) {
      writePointer({ ...older, engineVersion: version });
      expect([version, readSnapshotPointer(dir)?.engineVersion]).toEqual([version, null]);
    }
  });

  it('places a version before this code\'s as earlier and one after it (code rolled back) as later', () => {
    expect([ENGINE_VERSION - 1, ENGINE_VERSION, ENGINE_VERSION + 1].map((engineVersion) => snapshotStanding({ engineVersion, duckdbVersion: DUCKDB_VERSION }))).toEqual(['earlier', 'current', 'later']);
  });

  it('holds a snapshot current only when this code\'s engine version built it on this DuckDB library', () => {
    const ours = { engineVersion: ENGINE_VERSION, duckdbVersion: DUCKDB_VERSION };
    expect(snapshotStanding(ours)).toBe('current');
    // The same engine version on another DuckDB library (v0.0.1 was never this one) is not.
    expect(snapshotStanding({ engineVersion: ENGINE_VERSION, duckdbVersion: 'v0.0.1' })).toBe('earlier');
    // With another engine version the library does not matter.
    expect([snapshotStanding({ ...ours, engineVersion: ENGINE_VERSION - 1 }), snapshotStanding({ ...ours, engineVersion: ENGINE_VERSION + 1 })]).toEqual([
      'earlier',
      'later',
    ]);
  });

  it('orders DuckDB releases by major, minor and patch as numbers, and calls anything it cannot order earlier', () => {
    // A server of engine 2 on DuckDB v1.5.6.
    const running = { engineVersion: 2, duckdbVersion: 'v1.5.6' };
    const standing = (engineVersion: number | null, duckdbVersion: string | null) => snapshotStanding({ engineVersion, duckdbVersion }, running);
    expect(
      (
        [
          [2, 'v1.5.6'], // the same: current
          [2, 'v1.5.5'], // patch 5 < 6: earlier
          [2, 'v1.4.9'], // minor 4 < 5: earlier
          [2, 'v0.10.3'], // major 0 < 1: earlier
          [2, 'v1.5.7'], // patch 7 > 6: later (DuckDB rolled back)
          [2, 'v1.10.0'], // minor 10 > 5 (as text "1.10" sorts before "1.5"): later
          [2, 'v2.0.0'], // major 2 > 1: later
          [2, null], // none recorded: earlier
          [2, 'v1.5.6-dev42'], // another build of v1.5.6, not ordered: earlier
          [2, 'unknown'], // not a release name: earlier
          [1, 'v1.5.6'], // engine 1 < 2 on this library: earlier
          [3, 'v1.4.0'], // engine 3 > 2 comes first, whatever the library: later
          [null, 'v1.5.6'], // no engine version: earlier
        ] as const
      ).map(([engine, library]) => [engine, library, standing(engine, library)]),
    ).toEqual([
      [2, 'v1.5.6', 'current'],
      [2, 'v1.5.5', 'earlier'],
      [2, 'v1.4.9', 'earlier'],
      [2, 'v0.10.3', 'earlier'],
      [2, 'v1.5.7', 'later'],
      [2, 'v1.10.0', 'later'],
      [2, 'v2.0.0', 'later'],
      [2, null, 'earlier'],
      [2, 'v1.5.6-dev42', 'earlier'],
      [2, 'unknown', 'earlier'],
      [1, 'v1.5.6', 'earlier'],
      [3, 'v1.4.0', 'later'],
      [null, 'v1.5.6', 'earlier'],
    ]);
  });
});
