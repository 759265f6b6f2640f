import { DuckDBInstance } from '@duckdb/node-api';
import { wholePopulationSliceSql } from '../engine/testing/patient-slice';
import { planProcessSql } from './plan-process.sql';
import { CREATE_RECORD_TABLES_SQL } from './record-tables.sql';
import { mulberry32 } from '../engine/testing/seeded-random';

// A slow, obviously correct plan-by-month computation of the same measures, straight from the
// words of measures.md at day level, compared with planProcessSql() on random small populations.

const DAY = 86_400_000;
const toDay = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / DAY;
const iso = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
const parts = (day: number): [number, number, number] => {
  const d = new Date(day * DAY);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
};
const lastDayOf = (y: number, m: number): number => toDay(y, m + 1, 0);
/** agreed_on + 12 months, the day clamped to the month's length (29 Feb → 28 Feb). */
const plus12Months = (day: number): number => {
  const [y, m, d] = parts(day);
  return Math.min(toDay(y + 1, m, d), lastDayOf(y + 1, m));
};

interface Reg {
  id: number;
  patient: number;
  practice: string;
  from: number;
  to: number | null;
}
interface Cond {
  patient: number;
  from: number;
  to: number | null;
}
interface CarePlan {
  id: number;
  patient: number;
  at: string;
  agreed: number;
  due: number | null;
  prepared: number | null;
  shared: number | null;
  carer: boolean | null;
}
interface Population {
  died: Map<number, number | null>;
  regs: Reg[];
  conds: Cond[];
  plans: CarePlan[];
  reviews: { plan: number; on: number }[];
}

function randomPopulation(seed: number, patients: number): Population {
  const rand = mulberry32(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
  // Dates from 2022-01 to 2026-06, often on the first or last day of a month, or on 29 February.
  const date = (): number => {
    const y = int(2022, 2026);
    const m = y === 2026 ? int(1, 6) : int(1, 12);
    const r = rand();
    if (r < 0.25) return lastDayOf(y, m);
    if (r < 0.45) return toDay(y, m, 1);
    if (r < 0.5) return toDay(2024, 2, 29);
    return toDay(y, m, int(1, 28));
  };
  const practices = ['P00001', 'P00002', 'P00003'];
  const pop: Population = { died: new Map(), regs: [], conds: [], plans: [], reviews: [] };
  let regId = 0;
  let planId = 0;
  for (let p = 1; p <= patients; p += 1) {
    pop.died.set(p, rand() < 0.15 ? date() : null);
    for (let k = int(0, 3); k > 0; k -= 1) {
      const from = rand() < 0.3 ? toDay(2020, 1, 1) : date();
      const to = rand() < 0.5 ? null : from + int(1, 900);
      pop.regs.push({ id: (regId += 1), patient: p, practice: practices[int(0, 2)], from, to });
    }
    for (let k = int(0, 2); k > 0; k -= 1) {
      const from = rand() < 0.3 ? toDay(2019, 1, 1) : date();
      pop.conds.push({ patient: p, from, to: rand() < 0.6 ? null : from + int(0, 700) });
    }
    const planDays: number[] = [];
    for (let k = int(0, 3); k > 0; k -= 1) {
      const agreed = planDays.length > 0 && rand() < 0.2 ? planDays[0] : date();
      planDays.push(agreed);
      const plan: CarePlan = {
        id: (planId += 1),
        patient: p,
        at: practices[int(0, 2)],
        agreed,
        due: rand() < 0.6 ? null : agreed + int(1, 500),
        prepared: rand() < 0.3 ? null : agreed - int(0, 45),
        shared: rand() < 0.3 ? null : agreed + int(0, 31),
        carer: rand() < 0.3 ? null : rand() < 0.5,
      };
      pop.plans.push(plan);
      for (let r = int(0, 2); r > 0; r -= 1) pop.reviews.push({ plan: plan.id, on: agreed + int(0, 500) });
    }
  }
  return pop;
}

/** Practice where the patient is registered on `day`, or null. */
function registeredOn(pop: Population, patient: number, day: number): string | null {
  const died = pop.died.get(patient) ?? null;
  if (died !== null && died <= day) return null;
  const holding = pop.regs
    .filter((r) => r.patient === patient && r.from <= day && (r.to === null || r.to > day))
    .sort((a, b) => b.from - a.from || b.id - a.id);
  return holding.length > 0 ? holding[0].practice : null;
}

function slowCells(pop: Population, monthsFrom: [number, number], count: number): Map<string, [number, number]> {
  const cells = new Map<string, [number, number]>();
  const add = (measure: string, month: string, practice: string, num: number, den: number): void => {
    const key = `${measure}|${month}|${practice}`;
    const cell = cells.get(key) ?? [0, 0];
    cells.set(key, [cell[0] + num, cell[1] + den]);
  };
  const dueOf = (p: CarePlan): number => p.due ?? plus12Months(p.agreed);
  for (let i = 0; i < count; i += 1) {
    const y = monthsFrom[0] + Math.floor((monthsFrom[1] - 1 + i) / 12);
    const m = ((monthsFrom[1] - 1 + i) % 12) + 1;
    const month = `${y}-${String(m).padStart(2, '0')}`;
    const end = lastDayOf(y, m);
    const start = toDay(y, m - 11, 1);
    for (const p of pop.plans) {
      if (p.agreed >= start && p.agreed <= end) {
        const at = registeredOn(pop, p.patient, p.agreed) ?? p.at;
        const before = p.prepared === null ? -1 : p.agreed - p.prepared;
        const after = p.shared === null ? -1 : p.shared - p.agreed;
        add('preparation', month, at, before >= 1 && before <= 42 ? 1 : 0, 1);
        add('plan_shared', month, at, after >= 0 && after <= 28 ? 1 : 0, 1);
        if (p.carer !== null) add('carer_involved', month, at, p.carer ? 1 : 0, 1);
      }
      const due = dueOf(p);
      const later = pop.plans.filter((q) => q.patient === p.patient && q.agreed > p.agreed);
      const reviews = pop.reviews.filter((r) => r.plan === p.id);
      if (due >= start && due <= end) {
        const at = registeredOn(pop, p.patient, due);
        if (at !== null) {
          const onTime =
            reviews.some((r) => r.on >= p.agreed && r.on <= due) || later.some((q) => q.agreed <= due);
          add('review_completion', month, at, onTime ? 1 : 0, 1);
        }
      }
      if (due < end && !reviews.some((r) => r.on <= end) && !later.some((q) => q.agreed <= end)) {
        const at = registeredOn(pop, p.patient, end);
        const onRegister = pop.conds.some((c) => c.patient === p.patient && c.from <= end && (c.to === null || c.to > end));
        if (at !== null && onRegister) add('overdue_reviews', month, at, 1, 0);
      }
    }
  }
  return cells;
}

async function fastCells(pop: Population): Promise<Map<string, [number, number]>> {
  const d = (day: number | null): string => (day === null ? 'NULL' : `DATE '${iso(day)}'`);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(CREATE_RECORD_TABLES_SQL);
  await connection.run(`
    CREATE TABLE months AS
    SELECT (year(m) * 12 + month(m) - 1)::INTEGER AS month_index, m::DATE AS month, last_day(m)::DATE AS month_end
    FROM generate_series(DATE '2023-01-01', DATE '2026-06-01', INTERVAL 1 MONTH) t(m);
    CREATE TABLE practice_cells (measure VARCHAR, month DATE, practice_code VARCHAR, breakdown VARCHAR,
      numerator DOUBLE, denominator DOUBLE);`);
  const values = (rows: string[]): string => rows.join(', ');
  const patients = [...pop.died].map(([id, died]) => `(${id}, 'p${id}', DATE '1960-01-01', 'M', 'asian', 3, ${d(died)})`);
  await connection.run(`INSERT INTO patients VALUES ${values(patients)}`);
  if (pop.regs.length > 0) {
    await connection.run(
      `INSERT INTO registrations VALUES ${values(pop.regs.map((r) => `(${r.id}, ${r.patient}, '${r.practice}', ${d(r.from)}, ${d(r.to)})`))}`,
    );
  }
  if (pop.conds.length > 0) {
    await connection.run(
      `INSERT INTO conditions VALUES ${values(pop.conds.map((c, i) => `(${i}, ${c.patient}, 'DM', NULL, ${d(c.from)}, ${d(c.to)})`))}`,
    );
  }
  if (pop.plans.length > 0) {
    await connection.run(
      `INSERT INTO care_plans VALUES ${values(
        pop.plans.map(
          (p) =>
            `(${p.id}, 'x${p.id}', ${p.patient}, '${p.at}', ${d(p.agreed)}, ${d(p.due)}, ${d(p.prepared)}, ${d(p.shared)}, ${p.carer === null ? 'NULL' : p.carer})`,
        ),
      )}`,
    );
  }
  if (pop.reviews.length > 0) {
    await connection.run(
      `INSERT INTO care_plan_reviews VALUES ${values(pop.reviews.map((r, i) => `(${i}, ${r.plan}, ${d(r.on)})`))}`,
    );
  }
  const pp = planProcessSql();
  // Months 2023-01 to 2026-06, as in the months table.
  const slice = wholePopulationSliceSql({ firstMonthIndex: 2023 * 12, lastMonthIndex: 2026 * 12 + 5 });
  for (const statement of [...slice, pp.create, ...pp.addSlice, ...pp.finish]) await connection.run(statement);
  const reader = await connection.runAndReadAll(
    "SELECT measure, strftime(month, '%Y-%m') AS month, practice_code, numerator, denominator FROM practice_cells",
  );
  const cells = new Map<string, [number, number]>();
  for (const r of reader.getRowObjectsJS()) {
    const key = `${String(r.measure)}|${String(r.month)}|${String(r.practice_code)}`;
    expect(cells.has(key)).toBe(false);
    cells.set(key, [Number(r.numerator), r.denominator === null ? 0 : Number(r.denominator)]);
  }
  connection.closeSync();
  instance.closeSync();
  return cells;
}

describe('planProcessSql equals a slow plan-by-month computation', () => {
  it.each([1, 2, 3, 4, 5, 6])('on random population %i', async (seed) => {
    const pop = randomPopulation(seed, 80);
    const slow = slowCells(pop, [2023, 1], 42);
    // Sparse like the SQL: rates only with a denominator, counts only when positive.
    const expectedCells = [...slow].filter(([key, [num, den]]) => (key.startsWith('overdue_reviews') ? num > 0 : den > 0));
    const fast = await fastCells(pop);
    expect(Object.fromEntries(fast)).toEqual(Object.fromEntries(expectedCells));
    // the generated data reach every measure
    for (const measure of ['preparation', 'plan_shared', 'carer_involved', 'review_completion', 'overdue_reviews']) {
      expect(expectedCells.some(([key]) => key.startsWith(`${measure}|`))).toBe(true);
    }
  });
});
