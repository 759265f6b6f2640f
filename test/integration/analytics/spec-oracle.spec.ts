import { join } from 'node:path';
import { openTempDir, removeTempDirs, runCli } from '../../support/cli';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { SPEC_MEASURES, cellKey, computeOracle, isCountMeasure, monthsBetween, readCsv, readExtract, type Cell, type Extract, type Practice } from './spec-oracle';

/**
 * The whole path an analyst sees, checked from outside against measures.md: a generated flat extract
 * is imported into Postgres, copied to DuckDB and refreshed, and every practice-level cell of
 * `pcsp export` (whole population) must equal the oracle computed from the extract's CSV files in
 * plain TypeScript; every PCN, sub-ICB, ICB, region and England cell must be the sum of its practices'.
 * 25 practices is the fewest the generator puts in 2 ICBs (5 PCNs, 3 sub-ICBs, 1 region).
 */
describe('pcsp export against an oracle written from measures.md', () => {
  jest.setTimeout(180_000);
  let database: TestDatabase;
  let extract: Extract;
  let months: string[];
  /** Whole-population cells of the export by level, keyed by cellKey. */
  const exported = new Map<string, Map<string, Cell>>();

  beforeAll(async () => {
    database = await createTestDatabase('pcsp_spec_oracle');
    const cwd = openTempDir('pcsp-spec-oracle-');
    const env = { DATABASE_URL: database.url, DATA_DIR: 'data', LOG_LEVEL: 'silent' };
    await runCli(['generate', '--out', 'population', '--practices', '25', '--patients', '2500', '--from', '2023-01', '--to', '2024-12', '--seed', '7', '--dirty', '0'], { cwd, env });
    const imported = await runCli(['import', 'population'], { cwd, env });
    expect(imported.stderr).toMatch(/Import [0-9a-f-]{36} succeeded: .* 0 errors/);
    const refreshed = await runCli(['refresh', '--as-of', '2025-01-01'], { cwd, env });
    const snapshot = /Snapshot (\d{4}-\d{2}) to (\d{4}-\d{2}):/.exec(refreshed.stderr);
    if (snapshot === null) throw new Error(`no snapshot months in the refresh output:\n${refreshed.stderr}`);
    months = monthsBetween(snapshot[1], snapshot[2]);
    await runCli(['export', '--out', 'cells.csv'], { cwd, env });

    extract = readExtract(join(cwd, 'population'));
    for (const row of readCsv(join(cwd, 'cells.csv'))) {
      if (row.breakdown !== '') continue;
      const level = exported.get(row.level) ?? new Map<string, Cell>();
      exported.set(row.level, level);
      const key = cellKey(row.measure, row.month, row.org);
      if (level.has(key)) throw new Error(`the export has ${row.level} cell ${key} twice`);
      level.set(key, { numerator: Number(row.numerator), denominator: row.denominator === '' ? null : Number(row.denominator) });
    }
  });
  afterAll(async () => {
    await database.drop();
    removeTempDirs();
  });

  // The snapshot keeps no cell without a member (a rate with denominator 0), so an absent cell is 0 of 0.
  const emptyCell = (measure: string): Cell => ({ numerator: 0, denominator: isCountMeasure(measure) ? null : 0 });
  const show = (cell: Cell | undefined) => (cell === undefined ? 'no cell' : cell.denominator === null ? `${cell.numerator}` : `${cell.numerator}/${cell.denominator}`);
  const same = (a: Cell, b: Cell) => a.numerator === b.numerator && a.denominator === b.denominator;

  /** Compares expected with exported over every measure × month × org, and lists exported cells outside that grid. */
  function differences(expected: Map<string, Cell>, got: Map<string, Cell>, orgs: readonly string[]) {
    const lines: string[] = [];
    const grid = new Set<string>();
    for (const measure of SPEC_MEASURES) {
      for (const month of months) {
        for (const org of orgs) {
          const key = cellKey(measure, month, org);
          grid.add(key);
          const want = expected.get(key) ?? emptyCell(measure);
          const have = got.get(key);
          if (!same(want, have ?? emptyCell(measure))) lines.push(`${measure} ${month} ${org}: expected ${show(want)}, got ${show(have)}`);
        }
      }
    }
    for (const key of got.keys()) if (!grid.has(key)) lines.push(`${key}: exported, outside the measures, months and organisations compared`);
    return { cells: grid.size, differing: lines.length, first: lines.slice(0, 20) };
  }

  it('gives, at every practice and month, the numerator and denominator of measures.md', () => {
    const practices = extract.practices.map((p) => p.code);
    const result = differences(computeOracle(extract, months), exported.get('practice') ?? new Map(), practices);
    expect(result).toEqual({ cells: SPEC_MEASURES.length * months.length * practices.length, differing: 0, first: [] });
  });

  it('has cells with members for every measure, so that nothing passes empty', () => {
    const practiceCells = [...(exported.get('practice') ?? new Map<string, Cell>()).entries()];
    const withMembers = (measure: string) =>
      practiceCells.filter(([key, c]) => key.startsWith(`${measure} `) && c.numerator > 0 && (c.denominator === null || c.denominator > 0)).length;
    const empty = SPEC_MEASURES.filter((measure) => withMembers(measure) === 0);
    expect(empty).toEqual([]);
    // The snapshot's months run at least over the generator's period, 2023-01 to 2024-12.
    expect(months.length).toBeGreaterThanOrEqual(24);
  });

  it('sums its practices at every PCN, sub-ICB, ICB, region and England', () => {
    const practiceCells = exported.get('practice') ?? new Map<string, Cell>();
    const englandCodes = [...new Set([...(exported.get('england') ?? new Map<string, Cell>()).keys()].map((key) => key.split(' ')[2]))];
    expect(englandCodes).toHaveLength(1);
    const parentsAt = {
      pcn: (p: Practice) => p.pcn,
      sub_icb: (p: Practice) => p.subIcb,
      icb: (p: Practice) => p.icb,
      region: (p: Practice) => p.region,
      england: () => englandCodes[0],
    };
    const results: Record<string, ReturnType<typeof differences> & { orgs: number }> = {};
    for (const [level, parentOf] of Object.entries(parentsAt)) {
      // measures.md: a count at a higher level is the sum of its practices' counts.
      const sums = new Map<string, Cell>();
      for (const practice of extract.practices) {
        for (const measure of SPEC_MEASURES) {
          for (const month of months) {
            const cell = practiceCells.get(cellKey(measure, month, practice.code)) ?? emptyCell(measure);
            const key = cellKey(measure, month, parentOf(practice));
            const sum = sums.get(key) ?? emptyCell(measure);
            sums.set(key, {
              numerator: sum.numerator + cell.numerator,
              denominator: sum.denominator === null || cell.denominator === null ? null : sum.denominator + cell.denominator,
            });
          }
        }
      }
      const orgs = [...new Set(extract.practices.map(parentOf))];
      results[level] = { orgs: orgs.length, ...differences(sums, exported.get(level) ?? new Map(), orgs) };
    }
    const ok = (orgs: number) => ({ orgs, cells: SPEC_MEASURES.length * months.length * orgs, differing: 0, first: [] });
    // The generator's hierarchy for 25 practices: 5 PCNs, 3 sub-ICBs, 2 ICBs, 1 region.
    expect(results).toEqual({ pcn: ok(5), sub_icb: ok(3), icb: ok(2), region: ok(1), england: ok(1) });
  });
});
