import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { wholePopulationSliceSql } from '../engine/testing/patient-slice';
import { planProcessSql } from './plan-process.sql';
import { CREATE_RECORD_TABLES_SQL } from './record-tables.sql';

/** months 2023-01 … 2026-06 (42 months), month_index = year·12 + month − 1. */
const CREATE_MONTHS_SQL = `
CREATE TABLE months AS
SELECT (year(d) * 12 + month(d) - 1)::INTEGER AS month_index, d::DATE AS month, last_day(d)::DATE AS month_end
FROM generate_series(DATE '2023-01-01', DATE '2026-06-01', INTERVAL 1 MONTH) t(d);
CREATE TABLE practice_cells (
  measure VARCHAR, month DATE, practice_code VARCHAR, breakdown VARCHAR, numerator DOUBLE, denominator DOUBLE
);`;

const sqlDate = (d: string | null): string => (d === null ? 'NULL' : `DATE '${d}'`);

/** [id, registered at, from, to] */
type Registration = [number, string, string, string | null];
interface Patient {
  id: number;
  diedOn?: string;
  registrations: Registration[];
  conditions?: [string, string, string | null][];
}
interface Plan {
  id: number;
  patient: number;
  at: string;
  agreed: string;
  due?: string;
  prepared?: string;
  shared?: string;
  carer?: boolean;
  reviews?: string[];
}

const patients: Patient[] = [
  // --- process: preparation, sharing, carer (A00001) ---
  { id: 1, registrations: [[10, 'A00001', '2020-01-01', null]] },
  // --- process: window's first and last day (A00002) ---
  { id: 2, registrations: [[20, 'A00002', '2020-01-01', null]] },
  // --- process: registered ON agreed_on, moves, fallback to the agreeing practice (A00003, A00004) ---
  {
    id: 3,
    registrations: [
      [30, 'A00004', '2020-01-01', '2024-05-01'],
      [31, 'A00003', '2024-05-01', null],
    ],
  },
  { id: 4, registrations: [[40, 'A00003', '2020-01-01', '2024-01-01']] },
  { id: 5, diedOn: '2024-03-10', registrations: [[50, 'A00003', '2020-01-01', null]] },
  // --- process: tie on registered_on (larger id holds) and overlap (later start holds) ---
  {
    id: 6,
    registrations: [
      [60, 'A00005', '2020-01-01', null],
      [61, 'A00006', '2020-01-01', null],
    ],
  },
  {
    id: 7,
    registrations: [
      [70, 'A00006', '2019-01-01', null],
      [71, 'A00005', '2024-02-01', null],
    ],
  },
  // --- process: dates on the wrong side of agreed_on (A00007) ---
  { id: 8, registrations: [[80, 'A00007', '2020-01-01', null]] },
  // --- review completion (B…) ---
  { id: 20, registrations: [[200, 'B00001', '2020-01-01', null]] },
  { id: 21, registrations: [[210, 'B00002', '2020-01-01', null]], conditions: [['DM', '2020-01-01', null]] },
  { id: 22, registrations: [[220, 'B00003', '2020-01-01', null]] },
  {
    id: 23,
    registrations: [
      [230, 'B00004', '2020-01-01', '2024-09-01'],
      [231, 'B00005', '2024-09-01', null],
    ],
  },
  { id: 24, registrations: [[240, 'B00006', '2020-01-01', '2025-04-01']] },
  { id: 25, diedOn: '2025-04-01', registrations: [[250, 'B00006', '2020-01-01', null]] },
  { id: 26, registrations: [[260, 'B00006', '2020-01-01', null]] },
  { id: 27, registrations: [[270, 'B00007', '2020-01-01', null]] },
  { id: 28, registrations: [[280, 'B00008', '2020-01-01', null]] },
  { id: 29, registrations: [[290, 'B00009', '2020-01-01', null]], conditions: [['DM', '2020-01-01', null]] },
  // --- overdue reviews (C…) ---
  { id: 40, registrations: [[400, 'C00001', '2015-01-01', null]], conditions: [['AST', '2020-01-01', '2024-06-15']] },
  { id: 41, registrations: [[410, 'C00002', '2015-01-01', null]] },
  {
    id: 42,
    diedOn: '2025-08-31',
    registrations: [
      [420, 'C00003', '2015-01-01', '2024-06-10'],
      [421, 'C00004', '2024-06-10', null],
    ],
    conditions: [['HYP', '2010-01-01', null]],
  },
  {
    id: 43,
    registrations: [
      [430, 'C00005', '2015-01-01', null],
      [431, 'C00006', '2024-03-20', '2024-09-10'],
    ],
    conditions: [['HYP', '2010-01-01', null]],
  },
];


const plans: Plan[] = [
  // A00001, all agreed 2024-03-15. Preparation: 0 days (no), 1 (yes), 42 (yes: 2 Feb → 2 Mar is 29 days
  // in 2024, + 13 = 42), 43 (no). Sharing: 0 days (yes), 28 (yes: 15 Mar → 12 Apr = 16 + 12), 29 (no).
  { id: 1, patient: 1, at: 'A00001', agreed: '2024-03-15', prepared: '2024-03-15', shared: '2024-03-15', carer: true },
  { id: 2, patient: 1, at: 'A00001', agreed: '2024-03-15', prepared: '2024-03-14', shared: '2024-04-12', carer: false },
  { id: 3, patient: 1, at: 'A00001', agreed: '2024-03-15', prepared: '2024-02-02', shared: '2024-04-13' },
  { id: 4, patient: 1, at: 'A00001', agreed: '2024-03-15', prepared: '2024-02-01' },
  // A00002: agreed on the first day of a month and on the last day of a month
  { id: 5, patient: 2, at: 'A00002', agreed: '2023-06-01', carer: true },
  { id: 6, patient: 2, at: 'A00002', agreed: '2024-01-31', carer: false },
  // patient 3 moved A00004 → A00003 on 2024-05-01
  { id: 7, patient: 3, at: 'A00004', agreed: '2024-06-10', carer: true },
  { id: 8, patient: 3, at: 'A00003', agreed: '2024-04-30', carer: false },
  // patient 4 no longer registered anywhere: counted where agreed
  { id: 9, patient: 4, at: 'A00004', agreed: '2024-02-15', carer: true },
  // patient 5 died on the day of agreement: not registered on it, counted where agreed
  { id: 10, patient: 5, at: 'A00004', agreed: '2024-03-10', carer: false },
  { id: 11, patient: 6, at: 'A00005', agreed: '2024-03-03' },
  { id: 12, patient: 7, at: 'A00006', agreed: '2024-03-03', prepared: '2024-02-20' },
  // A00007, both agreed 2024-03-15: plan 13 prepared 1 day after and shared 1 day before (neither counts), plan 14
  // the other way round, prepared 1 day before and shared 1 day after (both count).
  { id: 13, patient: 8, at: 'A00007', agreed: '2024-03-15', prepared: '2024-03-16', shared: '2024-03-14' },
  { id: 14, patient: 8, at: 'A00007', agreed: '2024-03-15', prepared: '2024-03-14', shared: '2024-03-16' },
  // B00001: 29 February, default due date 2025-02-28, reviewed on the due date
  { id: 20, patient: 20, at: 'B00001', agreed: '2024-02-29', reviews: ['2025-02-28'] },
  // B00002: due 2025-05-10, reviewed late on 2025-07-20
  { id: 21, patient: 21, at: 'B00002', agreed: '2024-05-10', reviews: ['2025-07-20'] },
  // B00003: reviewed by a later plan (2024-12-20 ≤ due 2025-01-10); the later plan is never reviewed
  { id: 22, patient: 22, at: 'B00003', agreed: '2024-01-10' },
  { id: 23, patient: 22, at: 'B00003', agreed: '2024-12-20' },
  // B00004 → B00005 move between agreement and the due date
  { id: 24, patient: 23, at: 'B00004', agreed: '2024-03-05', due: '2025-03-01', reviews: ['2024-12-01'] },
  // B00006: deregistered on the due date; died on the due date; a registered control, not reviewed
  { id: 25, patient: 24, at: 'B00006', agreed: '2024-04-01' },
  { id: 26, patient: 25, at: 'B00006', agreed: '2024-04-01' },
  { id: 27, patient: 26, at: 'B00006', agreed: '2024-04-01' },
  // B00007: reviewed on the day it was agreed
  { id: 28, patient: 27, at: 'B00007', agreed: '2024-07-01', reviews: ['2024-07-01'] },
  // B00008: later plan agreed exactly on the due date
  { id: 29, patient: 28, at: 'B00008', agreed: '2023-06-15' },
  { id: 30, patient: 28, at: 'B00008', agreed: '2024-06-15' },
  // B00009: two plans agreed the same day, never reviewed: neither is agreed after the other
  { id: 31, patient: 29, at: 'B00009', agreed: '2024-05-20' },
  { id: 32, patient: 29, at: 'B00009', agreed: '2024-05-20' },
  // C00001: due on the last day of March 2024, reviewed 2024-08-31; condition resolved 2024-06-15
  { id: 40, patient: 40, at: 'C00001', agreed: '2024-01-31', due: '2024-03-31', reviews: ['2024-08-31'] },
  // C00002: never reviewed, but the patient has no long-term condition
  { id: 41, patient: 41, at: 'C00002', agreed: '2023-03-01' },
  // C00003 → C00004 on 2024-06-10, died 2025-08-31
  { id: 42, patient: 42, at: 'C00003', agreed: '2023-01-15' },
  // C00005 with an overlapping C00006 registration 2024-03-20 to 2024-09-10; later plan 2025-02-03
  { id: 43, patient: 43, at: 'C00005', agreed: '2023-01-05' },
  { id: 44, patient: 43, at: 'C00005', agreed: '2025-02-03' },
];

function insertSql(): string {
  const patientRows = patients.map(
    (p) => `(${p.id}, 'p${p.id}', DATE '1950-01-01', 'F', 'white', NULL, ${sqlDate(p.diedOn ?? null)})`,
  );
  const registrationRows = patients.flatMap((p) =>
    p.registrations.map(([id, at, from, to]) => `(${id}, ${p.id}, '${at}', ${sqlDate(from)}, ${sqlDate(to)})`),
  );
  const conditionRows = patients.flatMap((p, i) =>
    (p.conditions ?? []).map(
      ([code, from, to], j) => `(${i * 10 + j}, ${p.id}, '${code}', NULL, ${sqlDate(from)}, ${sqlDate(to)})`,
    ),
  );
  const planRows = plans.map(
    (p) =>
      `(${p.id}, 'plan${p.id}', ${p.patient}, '${p.at}', ${sqlDate(p.agreed)}, ${sqlDate(p.due ?? null)}, ` +
      `${sqlDate(p.prepared ?? null)}, ${sqlDate(p.shared ?? null)}, ${p.carer === undefined ? 'NULL' : p.carer})`,
  );
  const reviewRows = plans.flatMap((p, i) => (p.reviews ?? []).map((d, j) => `(${i * 10 + j}, ${p.id}, ${sqlDate(d)})`));
  return [
    `INSERT INTO patients VALUES ${patientRows.join(', ')};`,
    `INSERT INTO registrations VALUES ${registrationRows.join(', ')};`,
    `INSERT INTO conditions VALUES ${conditionRows.join(', ')};`,
    `INSERT INTO care_plans VALUES ${planRows.join(', ')};`,
    `INSERT INTO care_plan_reviews VALUES ${reviewRows.join(', ')};`,
  ].join('\n');
}

/** 'YYYY-MM' for each month from `from` to `to` inclusive. */
function monthRange(from: string, to: string): string[] {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  const out: string[] = [];
  for (let i = fy * 12 + fm - 1; i <= ty * 12 + tm - 1; i += 1) {
    out.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

/** Expected series: each [from, to, value] sets those months to value ('n/d', or 'n' for a count). */
function expected(...spans: [string, string, string][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [from, to, value] of spans) for (const m of monthRange(from, to)) out[m] = value;
  return out;
}

describe('planProcessSql', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  let cells: { measure: string; month: string; practice: string; breakdown: string; value: string }[];

  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run(CREATE_RECORD_TABLES_SQL);
    await connection.run(CREATE_MONTHS_SQL);
    await connection.run(insertSql());
    const pp = planProcessSql();
    // Months 2023-01 to 2026-06, as in the months table.
    const slice = wholePopulationSliceSql({ firstMonthIndex: 2023 * 12, lastMonthIndex: 2026 * 12 + 5 });
    for (const statement of [...slice, pp.create, ...pp.addSlice, ...pp.finish]) await connection.run(statement);
    const reader = await connection.runAndReadAll(
      `SELECT measure, strftime(month, '%Y-%m') AS month, practice_code, breakdown, numerator, denominator
       FROM practice_cells ORDER BY ALL`,
    );
    cells = reader.getRowObjectsJS().map((r) => ({
      measure: String(r.measure),
      month: String(r.month),
      practice: String(r.practice_code),
      breakdown: String(r.breakdown),
      value: r.denominator === null ? `${Number(r.numerator)}` : `${Number(r.numerator)}/${Number(r.denominator)}`,
    }));
  });

  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
  });

  function series(measure: string, practice: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const c of cells) if (c.measure === measure && c.practice === practice) out[c.month] = c.value;
    return out;
  }

  it('writes whole-practice rows only, and drops its temporary tables', async () => {
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((c) => c.breakdown === '')).toBe(true);
    const reader = await connection.runAndReadAll(
      "SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE 'pp\\_%' ESCAPE '\\'",
    );
    expect(reader.getRowObjectsJS()[0].n).toBe(0);
  });

  it('preparation counts 1 to 42 days before agreement, not 0 or 43', () => {
    // Plans 1–4 agreed 2024-03-15 are in the window of 2024-03 … 2025-02. Prepared 0, 1, 42, 43 days
    // before: plans 2 and 3 count → 2/4.
    expect(series('preparation', 'A00001')).toEqual(expected(['2024-03', '2025-02', '2/4']));
  });

  it('plan_shared counts 0 to 28 days after agreement, not 29', () => {
    // Shared 0 (plan 1), 28 (plan 2), 29 (plan 3) days after, plan 4 not shared → 2/4.
    expect(series('plan_shared', 'A00001')).toEqual(expected(['2024-03', '2025-02', '2/4']));
  });

  it('preparation leaves out a plan prepared after it was agreed, plan_shared one shared before', () => {
    // measures.md: prepared_on 1 to 42 days before agreed_on, shared_on 0 to 28 days after. Plan 13 was prepared the
    // day after (−1 days before) and shared the day before (−1 days after): in neither numerator. Plan 14, prepared
    // 1 day before and shared 1 day after, is in both. Agreed 2024-03-15 → windows 2024-03 … 2025-02: 1/2 each.
    expect(series('preparation', 'A00007')).toEqual(expected(['2024-03', '2025-02', '1/2']));
    expect(series('plan_shared', 'A00007')).toEqual(expected(['2024-03', '2025-02', '1/2']));
  });

  it('carer_involved counts true over recorded, leaving out empty', () => {
    // Plan 1 true, plan 2 false, plans 3 and 4 empty → 1/2.
    expect(series('carer_involved', 'A00001')).toEqual(expected(['2024-03', '2025-02', '1/2']));
  });

  it("uses the 12-month window's first and last day", () => {
    // Plan 5 (2023-06-01, carer) is in windows 2023-06 … 2024-05: the window of 2024-05 begins on
    // 2023-06-01, that of 2024-06 on 2023-07-01. Plan 6 (2024-01-31, no carer) is in windows
    // 2024-01 (ends on 2024-01-31) … 2024-12 (begins 2024-01-01), not 2023-12 nor 2025-01.
    expect(series('carer_involved', 'A00002')).toEqual(
      expected(['2023-06', '2023-12', '1/1'], ['2024-01', '2024-05', '1/2'], ['2024-06', '2024-12', '0/1']),
    );
    expect(series('preparation', 'A00002')).toEqual(
      expected(['2023-06', '2023-12', '0/1'], ['2024-01', '2024-05', '0/2'], ['2024-06', '2024-12', '0/1']),
    );
  });

  it('counts a plan where the patient was registered on agreed_on, else where it was agreed', () => {
    // A00003: plan 7 (agreed at A00004 on 2024-06-10; the patient is at A00003 from 2024-05-01), carer
    // → windows 2024-06 … 2025-05: 1/1.
    expect(series('carer_involved', 'A00003')).toEqual(expected(['2024-06', '2025-05', '1/1']));
    // A00004: plan 8 (2024-04-30: still at A00004, deregistered 2024-05-01 > 30 April, no carer)
    // 2024-04 … 2025-03; plan 9 (patient registered nowhere on 2024-02-15, agreed at A00004, carer)
    // 2024-02 … 2025-01; plan 10 (patient died on the day, agreed at A00004, no carer) 2024-03 … 2025-02.
    // 2024-02: plan 9 → 1/1; 2024-03: 9, 10 → 1/2; 2024-04 … 2025-01: 8, 9, 10 → 1/3;
    // 2025-02: 8, 10 → 0/2; 2025-03: 8 → 0/1.
    expect(series('carer_involved', 'A00004')).toEqual(
      expected(
        ['2024-02', '2024-02', '1/1'],
        ['2024-03', '2024-03', '1/2'],
        ['2024-04', '2025-01', '1/3'],
        ['2025-02', '2025-02', '0/2'],
        ['2025-03', '2025-03', '0/1'],
      ),
    );
  });

  it('resolves overlapping registrations: the later start holds, ties to the larger id', () => {
    // Plan 11: registrations 60 (A00005) and 61 (A00006) both from 2020-01-01 → 61, A00006; not prepared.
    // Plan 12: registration 71 (A00005, from 2024-02-01) overrides 70 (A00006, from 2019); prepared
    // 12 days before. Both agreed 2024-03-03 → windows 2024-03 … 2025-02.
    expect(series('preparation', 'A00006')).toEqual(expected(['2024-03', '2025-02', '0/1']));
    expect(series('preparation', 'A00005')).toEqual(expected(['2024-03', '2025-02', '1/1']));
  });

  it('review_completion: 29 February with the default due date, reviewed on the due date', () => {
    // Agreed 2024-02-29 → due 2025-02-28 (DuckDB + INTERVAL 12 MONTH); a review on the due date is on
    // time. Due in the windows 2025-02 … 2026-01.
    expect(series('review_completion', 'B00001')).toEqual(expected(['2025-02', '2026-01', '1/1']));
  });

  it('review_completion: a late review is not on time', () => {
    // Due 2025-05-10, reviewed 2025-07-20 → 0/1 in windows 2025-05 … 2026-04.
    expect(series('review_completion', 'B00002')).toEqual(expected(['2025-05', '2026-04', '0/1']));
  });

  it('review_completion: a later plan reviews the earlier one', () => {
    // Plan 22 due 2025-01-10, later plan agreed 2024-12-20 → on time, windows 2025-01 … 2025-12.
    // Plan 23 due 2025-12-20, not reviewed, windows 2025-12 … 2026-11 (months end at 2026-06).
    // 2025-12 holds both → 1/2.
    expect(series('review_completion', 'B00003')).toEqual(
      expected(['2025-01', '2025-11', '1/1'], ['2025-12', '2025-12', '1/2'], ['2026-01', '2026-06', '0/1']),
    );
    // Plan 29 due 2024-06-15, later plan agreed on 2024-06-15 itself (on or before) → on time
    // 2024-06 … 2025-05; plan 30 due 2025-06-15, not reviewed → 0/1 2025-06 … 2026-05.
    expect(series('review_completion', 'B00008')).toEqual(
      expected(['2024-06', '2025-05', '1/1'], ['2025-06', '2026-05', '0/1']),
    );
  });

  it('review_completion and overdue_reviews: a plan agreed the same day is not a later plan', () => {
    // Plans 31 and 32 agreed 2024-05-20, default due date 2025-05-20, no review. "A later plan agreed after
    // agreed_on" needs a later day, so neither reviews the other: 0/2 in windows 2025-05 … 2026-04; and both are
    // overdue from May 2025 (due 2025-05-20 < M = 2025-05-31) to the last month, the patient on the DM register.
    expect(series('review_completion', 'B00009')).toEqual(expected(['2025-05', '2026-04', '0/2']));
    expect(series('overdue_reviews', 'B00009')).toEqual(expected(['2025-05', '2026-06', '2']));
  });

  it('review_completion: counted where the patient is registered on the due date', () => {
    // Agreed at B00004, moved to B00005 on 2024-09-01, due 2025-03-01, reviewed 2024-12-01.
    expect(series('review_completion', 'B00005')).toEqual(expected(['2025-03', '2026-02', '1/1']));
    expect(series('review_completion', 'B00004')).toEqual({});
  });

  it('review_completion: patients not registered on the due date are out of the denominator', () => {
    // Due 2025-04-01 for all three; one deregistered on 2025-04-01, one died on it; only the control
    // (not reviewed) remains → 0/1, not 0/3.
    expect(series('review_completion', 'B00006')).toEqual(expected(['2025-04', '2026-03', '0/1']));
  });

  it('review_completion: a review on the day of agreement is on time', () => {
    expect(series('review_completion', 'B00007')).toEqual(expected(['2025-07', '2026-06', '1/1']));
  });

  it('overdue_reviews: after the due date until reviewed, while on the LTC register', () => {
    // Due 2024-03-31 = M of March (not < M). April, May: overdue, asthma active (resolved 2024-06-15
    // > M). June, July: condition resolved → off the register. August: reviewed 2024-08-31 ≤ M.
    expect(series('overdue_reviews', 'C00001')).toEqual(expected(['2024-04', '2024-05', '1']));
    // Never reviewed, but no long-term condition.
    expect(series('overdue_reviews', 'C00002')).toEqual({});
    // B00002: due 2025-05-10, reviewed 2025-07-20, diabetes: May and June 2025.
    expect(series('overdue_reviews', 'B00002')).toEqual(expected(['2025-05', '2025-06', '1']));
  });

  it('overdue_reviews: counted where registered at M, ending at death on the last day of a month', () => {
    // Due 2024-01-15. At C00003 until 2024-06-10 (M of May < 10 June), at C00004 from June; died
    // 2025-08-31, so not registered at M = 2025-08-31.
    expect(series('overdue_reviews', 'C00003')).toEqual(expected(['2024-01', '2024-05', '1']));
    expect(series('overdue_reviews', 'C00004')).toEqual(expected(['2024-06', '2025-07', '1']));
  });

  it('overdue_reviews: overlapping registrations and a later plan', () => {
    // Plan 43 due 2024-01-05; later plan agreed 2025-02-03 ≤ M of February 2025 → overdue 2024-01 …
    // 2025-01. Registration 431 (C00006, 2024-03-20 to 2024-09-10) holds at M of March … August 2024.
    // Plan 44 due 2026-02-03 → overdue 2026-02 … 2026-06 at C00005.
    expect(series('overdue_reviews', 'C00006')).toEqual(expected(['2024-03', '2024-08', '1']));
    expect(series('overdue_reviews', 'C00005')).toEqual(
      expected(['2024-01', '2024-02', '1'], ['2024-09', '2025-01', '1'], ['2026-02', '2026-06', '1']),
    );
    // Plan 43 itself was not reviewed on time (the later plan came after its due date): registered at
    // C00005 on 2024-01-05 → 0/1 in 2024-01 … 2024-12; plan 44 (due 2026-02-03, not reviewed) → 0/1
    // from 2026-02 to the last month.
    expect(series('review_completion', 'C00005')).toEqual(
      expected(['2024-01', '2024-12', '0/1'], ['2026-02', '2026-06', '0/1']),
    );
  });
});
