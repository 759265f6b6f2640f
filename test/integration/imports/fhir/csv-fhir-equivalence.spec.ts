import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTempDir, removeTempDirs, runCli } from '../../../support/cli';
import { createTestDatabase, type TestDatabase } from '../../../support/test-database';
import { TEST_KEY } from '../import-test-support';

/**
 * The generator writes one population twice, as the flat extract and as FHIR NDJSON; imported
 * into two databases, both must give the same cells in `pcsp export`. Training has no FHIR
 * resource, so the FHIR database also gets training.csv (with practices.csv it needs).
 */
describe('the same generated population imported as CSV and as FHIR', () => {
  jest.setTimeout(300_000);
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const database of databases) await database.drop();
  });

  const population = ['--practices', '4', '--patients', '1500', '--from', '2024-01', '--to', '2025-12', '--seed', '11'];

  async function measures(importPaths: (dir: string) => string[][], format: 'csv' | 'fhir'): Promise<{ cells: string; importOutput: string }> {
    const database = await createTestDatabase(`pcsp_fhir_eq_${format}`);
    databases.push(database);
    const cwd = openTempDir(`pcsp-fhir-eq-${format}-`);
    const env = { DATABASE_URL: database.url, PSEUDONYM_KEY: TEST_KEY, DATA_DIR: 'data', LOG_LEVEL: 'silent' };
    await runCli(['generate', '--out', 'population', '--format', format, ...population], { cwd, env });
    let importOutput = '';
    for (const paths of importPaths(join(cwd, 'population'))) importOutput += (await runCli(['import', ...paths], { cwd, env })).stderr;
    await runCli(['refresh'], { cwd, env });
    await runCli(['export', '--out', 'cells.csv'], { cwd, env });
    return { cells: readFileSync(join(cwd, 'cells.csv'), 'utf8'), importOutput };
  }

  it('gives identical measures in pcsp export', async () => {
    const csv = await measures((dir) => [[dir]], 'csv');
    const flat = openTempDir('pcsp-fhir-eq-flat-');
    await runCli(['generate', '--out', flat, ...population], { cwd: flat });
    const fhir = await measures((dir) => [[dir], [join(flat, 'practices.csv'), join(flat, 'training.csv')]], 'fhir');
    expect(fhir.importOutput).toMatch(/Import [0-9a-f-]{36} succeeded/);
    expect(fhir.importOutput).not.toMatch(/unknown code/);
    const rows = csv.cells.trim().split('\n');
    // Many cells, not an empty export that would match trivially.
    expect(rows.length).toBeGreaterThan(1000);
    expect(fhir.cells.split('\n').length).toBe(csv.cells.split('\n').length);
    expect(fhir.cells).toBe(csv.cells);
  });
});

// Last, after every server and database above has stopped: the temporary folders this file made.
afterAll(removeTempDirs);
