import { DuckDBInstance } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CREATE_RECORD_TABLES_SQL } from '../sql/record-tables.sql';
import { insertRecordRows } from './record-rows';
import { buildSnapshotFromDuckDb, ENGINE_VERSION } from './snapshot-build';
import { patient, TEST_ORGANISATIONS } from './testing/test-world';

/**
 * SQL as the guard hashes it: `-- …` and `/* … *\/` comments dropped and runs of whitespace made one space, outside
 * string literals and quoted identifiers (kept as written), so that comments and layout do not change the hash.
 */
function normalisedSql(sql: string): string {
  let out = '';
  // A space is written before the next token only, so that none leads, trails or doubles up.
  let space = false;
  const emit = (text: string) => {
    out += (space && out !== '' ? ' ' : '') + text;
    space = false;
  };
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"') {
      // '' inside a literal ends it and opens the next: the same text either way.
      const end = sql.indexOf(c, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      emit(sql.slice(i, stop));
      i = stop;
    } else if (sql.startsWith('--', i) || sql.startsWith('/*', i)) {
      const end = sql.startsWith('--', i) ? sql.indexOf('\n', i) : sql.indexOf('*/', i) + 1;
      space = true;
      i = end <= 0 ? sql.length : end + 1;
    } else if (/\s/.test(c)) {
      space = true;
      i++;
    } else {
      emit(c);
      i++;
    }
  }
  return out;
}

describe('the SQL the guard hashes', () => {
  it('leaves out comments and layout, and keeps string literals and quoted identifiers as written', () => {
    const sql = "SELECT 'a -- b',  1 -- one\n  FROM \"x--y\" /* the table */ t\nWHERE s = 'it''s  /* so */'";
    expect(normalisedSql(sql)).toBe("SELECT 'a -- b', 1 FROM \"x--y\" t WHERE s = 'it''s  /* so */'");
  });
});

describe('ENGINE_VERSION', () => {
  it('is bumped with every change to the SQL a snapshot is built by', async () => {
    // Every statement a build runs over a fixed small input (two patients, one with DM and a plan, months 2024-01 and
    // 2024-02, one patient a slice): the cell, roll-up, interval, funnel and decile SQL, the macros stored in the
    // snapshot and what the measure registry feeds them. The file name, the time of the build and the version itself
    // are left out, and so are comments and layout (normalisedSql).
    //
    // If this fails, you changed the engine's SQL. If the change alters any figure a snapshot holds, bump ENGINE_VERSION
    // (snapshot-build.ts): servers started on snapshots built before then rebuild them. Record the new hash below either
    // way; when only wording changed (an alias, the order of independent statements), record only the hash.
    const dir = mkdtempSync(join(tmpdir(), 'pcsp-engine-version-'));
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const connection = await instance.connect();
    try {
      await connection.run(CREATE_RECORD_TABLES_SQL);
      await insertRecordRows(connection, {
        organisations: TEST_ORGANISATIONS,
        patients: [patient(1), patient(2)],
        registrations: [1, 2].map((p) => ({ id: p, patient_id: p, practice_code: 'A00001', registered_on: '2020-01-01' })),
        conditions: [{ id: 1, patient_id: 1, condition: 'DM', diagnosed_on: '2020-01-01' }],
        care_plans: [{ id: 1, plan_id: 'p1', patient_id: 1, practice_code: 'A00001', agreed_on: '2024-01-10' }],
      });
      const statements: string[] = [];
      const recording = new Proxy(connection, {
        get(target, property, receiver) {
          if (property !== 'run' && property !== 'runAndReadAll') return Reflect.get(target, property, receiver) as unknown;
          return (sql: string) => {
            statements.push(sql);
            return property === 'run' ? target.run(sql) : target.runAndReadAll(sql);
          };
        },
      });
      const outFile = join(dir, 'snapshot.duckdb');
      const info = await buildSnapshotFromDuckDb(recording, outFile, { asOf: new Date('2024-03-05T12:00:00Z'), from: '2024-01', to: '2024-02', patientsPerSlice: 1 });
      const fixed = statements.map((sql) =>
        normalisedSql(
          sql
            .replaceAll(outFile, '<snapshot file>')
            .replaceAll(info.builtAt.replace('T', ' ').replace('Z', ''), '<built at>')
            .replaceAll(`${ENGINE_VERSION}::INTEGER AS engine_version`, '<engine version> AS engine_version'),
        ),
      );
      // Each stand-in replaced what it stands for (1 statement attaches the file; snapshot_info holds the time and version).
      expect(['<snapshot file>', '<built at>', '<engine version>'].map((s) => fixed.filter((sql) => sql.includes(s)).length)).toEqual([1, 1, 1]);
      const sqlHash = createHash('sha256').update(fixed.join(';\n')).digest('hex');
      expect({ engineVersion: ENGINE_VERSION, sqlHash }).toEqual({
        engineVersion: 2,
        sqlHash: '24177e40d715b775a28b769f5bc22aca6d3a1c75c3192daf3f27d7689e8c3aed',
      });
    } finally {
      connection.closeSync();
      instance.closeSync();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
