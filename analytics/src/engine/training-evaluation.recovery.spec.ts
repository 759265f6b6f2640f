import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRACTICE_COVERAGE_SQL, PRACTICE_TRAINING_SQL } from '../sql/evaluation-queries.sql';
import { evaluateTraining, DID_MONTHS_AFTER, type CoverageCell, type TrainingEvaluation } from '../stats/training-evaluation';
import { generatePopulation } from '../synthetic/generate-population';
import { buildSnapshotFromDuckDb } from './snapshot-build';
import { SnapshotReader } from './snapshot-reader';
import { publishSnapshot } from './snapshot-store';

const POPULATION = { practices: 40, patients: 24_000, from: '2019-01', to: '2023-12', seed: 8 };
const monthIndexOf = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

/** Generates the population with a known training effect, builds its snapshot and evaluates it. */
async function evaluate(trainingEffect: number, dirs: string[]): Promise<{ cells: CoverageCell[]; result: TrainingEvaluation }> {
  const dir = mkdtempSync(join(tmpdir(), 'pcsp-training-'));
  dirs.push(dir);
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  try {
    await generatePopulation(connection, { ...POPULATION, trainingEffect });
    await publishSnapshot(dir, (outFile) => buildSnapshotFromDuckDb(connection, outFile, { from: POPULATION.from, to: POPULATION.to }));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  const reader = new SnapshotReader(dir);
  try {
    const cells = (await reader.query(PRACTICE_COVERAGE_SQL, { area: '' })).map((r) => ({
      practice: String(r.practice),
      monthIndex: Number(r.month_index),
      numerator: Number(r.numerator),
      denominator: Number(r.denominator),
    }));
    const trainings = (await reader.query(PRACTICE_TRAINING_SQL, { area: '' })).map((r) => ({
      practice: String(r.practice_code),
      monthIndex: monthIndexOf(String(r.trained_on)),
    }));
    return { cells, result: evaluateTraining(cells, trainings) };
  } finally {
    reader.close();
  }
}

describe('training evaluation on a generated population with a known effect', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('recovers the effect measured against the same population without it', async () => {
    // Same seed, same people and slots, same random draws: only the effect of training differs, so the
    // true effect on each trained practice's coverage 12 months after training is the difference between the two.
    const treated = await evaluate(0.3, dirs);
    const untreated = await evaluate(0, dirs);
    const coverage = new Map(untreated.cells.map((c) => [`${c.practice}|${c.monthIndex}`, (100 * c.numerator) / c.denominator]));
    const evaluated = treated.result.practices.filter((p) => p.differenceInDifferences !== null);
    expect(evaluated.length).toBeGreaterThanOrEqual(8);
    const trueEffects = evaluated.map((p) => {
      const post = p.trainingMonthIndex + DID_MONTHS_AFTER;
      const without = coverage.get(`${p.practice}|${post}`);
      if (without === undefined) throw new Error(`no coverage of ${p.practice} at ${post} without the effect`);
      return (p.differenceInDifferences?.after ?? 0) - without;
    });
    const trueEffect = trueEffects.reduce((s, v) => s + v, 0) / trueEffects.length;
    const did = treated.result.pooled.differenceInDifferences;
    const its = treated.result.pooled.effectAt12;
    // A 0.3 rise in the chance of a plan at a yearly slot moves coverage by well over 15 points.
    expect(trueEffect).toBeGreaterThan(15);
    expect(did?.low).toBeLessThanOrEqual(trueEffect);
    expect(did?.high).toBeGreaterThanOrEqual(trueEffect);
    // The segmented regression's difference from the old trend a year after training (seed 8: 25.6, 21.0 to 30.3).
    expect(its?.low).toBeLessThanOrEqual(trueEffect);
    expect(its?.high).toBeGreaterThanOrEqual(trueEffect);
    // Without an effect the same evaluation finds none.
    const placebo = untreated.result.pooled.differenceInDifferences;
    expect(placebo?.low).toBeLessThanOrEqual(0);
    expect(placebo?.high).toBeGreaterThanOrEqual(0);
  }, 240_000);
});
