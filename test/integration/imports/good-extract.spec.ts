import { importExtract } from '../../../api/src/modules/imports/extract-import';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { GOOD_EXTRACT, TEST_KEY, TODAY, issuesOf, rowCounts, tableContents } from './import-test-support';

describe('importing a good extract', () => {
  jest.setTimeout(60_000);
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pcsp_import_good');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('imports every file to exact row counts, then a second import changes nothing', async () => {
    const first = await importExtract(database.dataSource, [GOOD_EXTRACT], { pseudonymKey: TEST_KEY, today: TODAY });
    expect(await issuesOf(database.dataSource, first.id)).toEqual([]);
    expect(first).toMatchObject({ status: 'succeeded', errorCount: 0, warningCount: 0, failure: null, rowsRead: 32, rowsApplied: 32 });
    // 3 practices in 2 PCNs (U12345, U23456), 1 sub-ICB, 1 ICB, 1 region = 8 organisations
    expect(await rowCounts(database.dataSource)).toEqual({
      organisations: 8,
      patients: 4,
      registrations: 5,
      conditions: 4,
      care_plans: 3,
      care_plan_reviews: 2,
      care_plan_adjustments: 2,
      observations: 4,
      admissions: 3,
      training: 2,
      snapshot_state: 1,
    });
    expect(first.files.map((f) => [f.file, f.status, f.rowsRead, f.inserted, f.updated])).toEqual([
      ['practices.csv', 'applied', 3, 8, 0],
      ['patients.csv', 'applied', 4, 4, 0],
      ['registrations.csv', 'applied', 5, 5, 0],
      ['conditions.csv', 'applied', 4, 4, 0],
      ['care_plans.csv', 'applied', 3, 3, 0],
      ['care_plan_reviews.csv', 'applied', 2, 2, 0],
      ['care_plan_adjustments.csv', 'applied', 2, 2, 0],
      ['observations.csv', 'applied', 4, 4, 0],
      ['admissions.csv', 'applied', 3, 3, 0],
      ['training.csv', 'applied', 2, 2, 0],
    ]);
    const [state] = (await database.dataSource.query('SELECT stale FROM snapshot_state WHERE id = 1')) as { stale: boolean }[];
    expect(state.stale).toBe(true);

    const before = await tableContents(database.dataSource);
    const second = await importExtract(database.dataSource, [GOOD_EXTRACT], { pseudonymKey: TEST_KEY, today: TODAY });
    expect(second).toMatchObject({ status: 'succeeded', rowsApplied: 32 });
    expect(second.files.every((f) => f.inserted === 0 && f.updated === 0)).toBe(true);
    // Same rows, same ids, and the same xmin: not one row was rewritten.
    expect(await tableContents(database.dataSource)).toEqual(before);
  });
});
