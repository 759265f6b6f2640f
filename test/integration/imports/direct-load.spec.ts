import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Client } from 'pg';
import { createDataSource } from '../../../api/src/database/data-source';
import { importExtract, type ImportExtractOptions } from '../../../api/src/modules/imports/extract-import';
import { createEmptyDatabase, createTestDatabase, type TestDatabase } from '../../support/test-database';
import { TEST_KEY, TODAY, extractFolder, goodWith, issuesOf, readGood, tableContents, withoutXmin } from './import-test-support';
import { removeTempDirs } from '../../support/cli';

const EVERY_FILE_BUT_PATIENTS = [
  'admissions.csv',
  'care_plan_adjustments.csv',
  'care_plan_reviews.csv',
  'care_plans.csv',
  'conditions.csv',
  'observations.csv',
  'practices.csv',
  'registrations.csv',
  'training.csv',
];

/**
 * Registrations not grouped by patient, with overlaps that touch (a deregistration on the day the
 * next begins is no overlap), two overlapping registrations that begin on the same day (the first by
 * practice code is named), and registrations after a death (9991234519 died on 2025-02-10).
 */
const REGISTRATIONS = `nhs_number,practice_code,registered_on,deregistered_on
9434765919,A81001,2010-01-01,2023-06-30
9991234500,A81001,2015-05-05,
9434765919,A81002,2023-07-01,
9991234519,A81004,2000-01-01,
9991234519,A81001,2025-03-01,
9991234527,A81004,2019-09-09,
9991234500,A81002,2020-01-01,2021-01-01
9434765919,A81004,2023-06-30,2023-07-02
9991234519,A81002,2025-03-01,2025-04-01
`;

const overlap = (line: number, value: string, practice: string, from: string) => ({
  severity: 'warning',
  file: 'registrations.csv',
  line,
  column: 'registered_on',
  value,
  rule: `overlaps the registration at ${practice} from ${from}: the one that began later holds from its start`,
});
const afterDeath = (line: number, value: string) => ({
  severity: 'warning',
  file: 'registrations.csv',
  line,
  column: 'registered_on',
  value,
  rule: "is after the patient's death (died_on 2025-02-10)",
});

/** Worked out by hand from REGISTRATIONS: for each line, the overlapping registration of the same patient that began first. */
const WARNINGS = [
  overlap(3, '2015-05-05', 'A81002', '2020-01-01'),
  overlap(4, '2023-07-01', 'A81004', '2023-06-30'),
  overlap(5, '2000-01-01', 'A81001', '2025-03-01'),
  afterDeath(6, '2025-03-01'),
  overlap(6, '2025-03-01', 'A81004', '2000-01-01'),
  overlap(8, '2020-01-01', 'A81001', '2015-05-05'),
  overlap(9, '2023-06-30', 'A81002', '2023-07-01'),
  afterDeath(10, '2025-03-01'),
  overlap(10, '2025-03-01', 'A81004', '2000-01-01'),
];

/** Files that went through staging and the reference checks (a direct load has no 'check' step). */
async function importNoting(database: TestDatabase, folder: string, options: Partial<ImportExtractOptions> = {}) {
  const checked = new Set<string>();
  const job = await importExtract(database.dataSource, [folder], {
    pseudonymKey: TEST_KEY,
    today: TODAY,
    ...options,
    onStep: (file, step) => {
      if (step === 'check') checked.add(file);
    },
  });
  return { job, checked: [...checked].sort() };
}

describe('direct loads (a first load COPYed straight into the empty record tables)', () => {
  jest.setTimeout(120_000);
  let direct: TestDatabase;
  let staged: TestDatabase;
  beforeAll(async () => {
    [direct, staged] = await Promise.all([createTestDatabase('pcsp_direct'), createTestDatabase('pcsp_staged')]);
  });
  afterAll(async () => {
    await Promise.all([direct?.drop(), staged?.drop()]);
  });

  it('stores exactly what staging and merging store, with the same warnings, worked out in Node', async () => {
    const folder = extractFolder(goodWith({ 'registrations.csv': REGISTRATIONS }));
    const first = await importNoting(direct, folder);
    const checked = await importNoting(staged, folder, { directLoads: false });
    // Only practices.csv and training.csv are staged on a first load; with directLoads false, every file.
    expect(first.checked).toEqual(['practices.csv', 'training.csv']);
    expect(checked.checked).toHaveLength(10);
    for (const { job } of [first, checked]) {
      expect(job).toMatchObject({ status: 'succeeded', errorCount: 0, warningCount: WARNINGS.length });
      expect(await issuesOf(job.id === first.job.id ? direct.dataSource : staged.dataSource, job.id)).toEqual(WARNINGS);
    }
    expect(withoutXmin(await tableContents(direct.dataSource))).toEqual(withoutXmin(await tableContents(staged.dataSource)));
    // Every key, index and constraint is back.
    const schema = (db: TestDatabase) =>
      db.dataSource.query(`SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace
        UNION ALL SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2, 3`);
    expect(await schema(direct)).toEqual(await schema(staged));

    // The second import finds the tables stored: it stages and changes nothing.
    const before = await tableContents(direct.dataSource);
    const again = await importNoting(direct, folder);
    expect(again.checked).toHaveLength(10);
    expect(again.job.files.every((f) => f.status === 'applied' && f.inserted === 0 && f.updated === 0)).toBe(true);
    expect(await tableContents(direct.dataSource)).toEqual(before);
  });

  it('sends a file that names an unknown practice, patient or plan, or a review before its plan, back through staging, where each error is named', async () => {
    const fresh = await createTestDatabase('pcsp_direct_errors');
    try {
      const folder = extractFolder(
        goodWith({
          'registrations.csv': `${readGood('registrations.csv')}9991234527,A89999,2020-01-01,\n`,
          'care_plan_reviews.csv': 'plan_id,reviewed_on\nPLAN-1,2023-03-14\nPLAN-3,2025-05-30\nPLAN-9,2024-01-01\n',
          'observations.csv': `${readGood('observations.csv')}9991234535,SBP,120,2024-01-01\n`,
        }),
      );
      const { job, checked } = await importNoting(fresh, folder);
      expect(checked).toEqual(['care_plan_reviews.csv', 'observations.csv', 'practices.csv', 'registrations.csv', 'training.csv']);
      expect(job.files.map((f) => [f.file, f.status])).toEqual([
        ['practices.csv', 'applied'],
        ['patients.csv', 'applied'],
        ['registrations.csv', 'rejected'],
        ['conditions.csv', 'applied'],
        ['care_plans.csv', 'applied'],
        ['care_plan_reviews.csv', 'rejected'],
        ['care_plan_adjustments.csv', 'applied'],
        ['observations.csv', 'rejected'],
        ['admissions.csv', 'applied'],
        ['training.csv', 'applied'],
      ]);
      expect((await issuesOf(fresh.dataSource, job.id)).map((i) => [i.file, i.line, i.column, i.value, i.rule])).toEqual([
        ['registrations.csv', 7, 'practice_code', 'A89999', 'unknown practice: not in practices.csv of this import or an earlier one'],
        ['care_plan_reviews.csv', 2, 'reviewed_on', '2023-03-14', "must be on or after the plan's agreed_on (2023-03-15)"],
        ['care_plan_reviews.csv', 4, 'plan_id', 'PLAN-9', 'unknown plan: not in care_plans.csv of this import or an earlier one'],
        ['observations.csv', 6, 'nhs_number', '999*******', 'unknown patient: not in patients.csv of this import or an earlier one'],
      ]);
      const counts = (await fresh.dataSource.query(
        `SELECT (SELECT count(*) FROM registrations)::int AS r, (SELECT count(*) FROM care_plan_reviews)::int AS v, (SELECT count(*) FROM observations)::int AS o, (SELECT count(*) FROM conditions)::int AS c`,
      )) as { r: number; v: number; o: number; c: number }[];
      expect(counts).toEqual([{ r: 0, v: 0, o: 0, c: 4 }]);
    } finally {
      await fresh.drop();
    }
  });

  it('undoes the files that read with patients.csv\'s keys, settled before its COPY, when its own keys cannot be rebuilt (a patient twice), and leaves no file of COPY text behind', async () => {
    const fresh = await createTestDatabase('pcsp_direct_duplicate');
    try {
      // The same patient on lines 2 and 6 (spaces apart): both pass their checks as rows, and only
      // the rebuilt unique key of pseudonyms finds them.
      const folder = extractFolder(goodWith({ 'patients.csv': `${readGood('patients.csv')}943 4765 919,1950-06-01,F,white,3,\n` }));
      const { job, checked } = await importNoting(fresh, folder);
      // Every file that names patients was read directly with the early keys, then staged and checked.
      expect(checked).toEqual(['admissions.csv', 'care_plan_adjustments.csv', 'care_plan_reviews.csv', 'care_plans.csv', 'conditions.csv', 'observations.csv', 'patients.csv', 'practices.csv', 'registrations.csv', 'training.csv']);
      expect(job.files.map((f) => [f.file, f.status])).toEqual([
        ['practices.csv', 'applied'],
        ['patients.csv', 'rejected'],
        ['registrations.csv', 'rejected'],
        ['conditions.csv', 'rejected'],
        ['care_plans.csv', 'rejected'],
        ['care_plan_reviews.csv', 'rejected'],
        ['care_plan_adjustments.csv', 'rejected'],
        ['observations.csv', 'rejected'],
        ['admissions.csv', 'rejected'],
        ['training.csv', 'applied'],
      ]);
      const issues = await issuesOf(fresh.dataSource, job.id);
      expect(issues.filter((i) => i.file === 'patients.csv').map((i) => [i.line, i.column, i.value, i.rule])).toEqual([
        [6, 'nhs_number', '943*******', 'duplicate nhs_number: the same as line 2'],
      ]);
      const counts = (await fresh.dataSource.query(
        `SELECT (SELECT count(*) FROM patients)::int AS p, (SELECT count(*) FROM registrations)::int AS r, (SELECT count(*) FROM care_plans)::int AS c, (SELECT count(*) FROM observations)::int AS o`,
      )) as { p: number; r: number; c: number; o: number }[];
      expect(counts).toEqual([{ p: 0, r: 0, c: 0, o: 0 }]);
      // Its own: other imports may be running.
      expect(readdirSync(tmpdir()).filter((name) => name.startsWith(`pcsp-spool-${job.id}-`))).toEqual([]);
    } finally {
      await fresh.drop();
    }
  });

  it('undoes the reviews read with care_plans.csv\'s keys when a plan is given twice, before the plans\' checks read the reviews stored', async () => {
    const fresh = await createTestDatabase('pcsp_direct_plan_twice');
    try {
      const plans = readGood('care_plans.csv');
      const folder = extractFolder(goodWith({ 'care_plans.csv': `${plans}${plans.split('\n')[1]}\n` }));
      const lines = plans.trimEnd().split('\n').length + 1;
      const { job, checked } = await importNoting(fresh, folder);
      expect(checked).toEqual(['care_plan_reviews.csv', 'care_plans.csv', 'practices.csv', 'training.csv']);
      expect(job.files.filter((f) => f.status === 'rejected').map((f) => f.file)).toEqual(['care_plans.csv', 'care_plan_reviews.csv']);
      expect((await issuesOf(fresh.dataSource, job.id)).filter((i) => i.file === 'care_plans.csv').map((i) => [i.line, i.column, i.value, i.rule])).toEqual([
        [lines, 'plan_id', 'PLAN-1', 'duplicate plan_id: the same as line 2'],
      ]);
      const counts = (await fresh.dataSource.query(`SELECT (SELECT count(*) FROM care_plans)::int AS c, (SELECT count(*) FROM care_plan_reviews)::int AS v, (SELECT count(*) FROM conditions)::int AS k`)) as unknown[];
      expect(counts).toEqual([{ c: 0, v: 0, k: 4 }]);
    } finally {
      await fresh.drop();
    }
  });

  it('stages the files that name patients when the user may not skip foreign-key triggers (not a superuser), storing the same', async () => {
    const role = `pcsp_owner_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    const admin = new Client({ connectionString: process.env.PCSP_TEST_ADMIN_URL });
    await admin.connect();
    const empty = await createEmptyDatabase('pcsp_direct_owner');
    const database = new URL(empty.url).pathname.slice(1);
    await admin.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER PASSWORD '${password}'`);
    await admin.query(`ALTER DATABASE ${database} OWNER TO ${role}`);
    const url = new URL(empty.url);
    url.username = role;
    url.password = password;
    const dataSource = createDataSource(url.toString());
    try {
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'all' });
      const owner: TestDatabase = { url: url.toString(), dataSource, drop: async () => undefined };
      const folder = extractFolder(goodWith({ 'registrations.csv': REGISTRATIONS }));
      const { job, checked } = await importNoting(owner, folder);
      expect(job.status).toBe('succeeded');
      // patients.csv names no other table: it is still loaded directly.
      expect(checked).toEqual(EVERY_FILE_BUT_PATIENTS);
      expect(await issuesOf(dataSource, job.id)).toEqual(WARNINGS);
      expect(withoutXmin(await tableContents(dataSource))).toEqual(withoutXmin(await tableContents(staged.dataSource)));
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
      await empty.drop();
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    }
  });
});

// Last, after every server and database above has stopped: the temporary folders this file made.
afterAll(removeTempDirs);
