import type { DuckDBDataChunk } from '@duckdb/node-api';

/** Counts of one cell; a count measure has no denominator. */
export interface CellCounts {
  numerator: number;
  denominator: number | null;
}

/** One month of an organisation's line: the month as year × 12 + month − 1. */
export interface CellMonth extends CellCounts {
  month: number;
}

/** Organisation ids stay below this, so that a measure and an organisation make one number as a key. */
const ORGS_PER_MEASURE = 1 << 24;
const NO_DENOMINATOR = -1;

/**
 * The whole-population counts of every measure, organisation and month of one snapshot file, in typed arrays
 * (about 20 bytes a cell: 4.6 million cells, about 90 MB, at national size over five years). Series, report cards
 * and their benchmarks are looked up here in microseconds: a read of the snapshot costs about 1 ms of the server's
 * single thread per request, which at 50 requests at once is what kept the dashboard's answers slow. Breakdown
 * cells stay in the snapshot (they are asked for far less often, and are many times more).
 */
export class WholePopulationCells {
  private readonly months: Int32Array;
  private readonly numerators: Float64Array;
  private readonly denominators: Float64Array;
  /** Where the run of each (measure, organisation) starts; it ends where the next begins (`ends`). */
  private readonly starts = new Map<number, number>();
  private readonly ends = new Map<number, number>();
  private length = 0;

  private constructor(capacity: number) {
    this.months = new Int32Array(capacity);
    this.numerators = new Float64Array(capacity);
    this.denominators = new Float64Array(capacity);
  }

  /**
   * Fills from `scan`, which hands over chunks of WHOLE_POPULATION_CELLS_SQL (columns measure_id, org_id, month_index,
   * numerator, denominator, ordered by measure, organisation and month); `count` is the number of rows it will give.
   */
  static async load(count: number, scan: (onChunk: (chunk: DuckDBDataChunk) => void) => Promise<void>): Promise<WholePopulationCells> {
    const cells = new WholePopulationCells(count);
    let key = -1;
    await scan((chunk) => {
      const [measures, orgs, months, numerators, denominators] = [0, 1, 2, 3, 4].map((i) => chunk.getColumnVector(i));
      for (let row = 0; row < chunk.rowCount; row++) {
        const at = cells.length++;
        if (at >= count) throw new Error(`the snapshot gave more whole-population cells than the ${count} it counted`);
        const org = Number(orgs.getItem(row));
        if (org >= ORGS_PER_MEASURE) throw new Error(`organisation id ${org} is beyond ${ORGS_PER_MEASURE - 1}`);
        const next = Number(measures.getItem(row)) * ORGS_PER_MEASURE + org;
        if (next !== key) {
          if (key !== -1) cells.ends.set(key, at);
          if (cells.starts.has(next)) throw new Error('whole-population cells must come ordered by measure and organisation');
          cells.starts.set(next, at);
          key = next;
        }
        cells.months[at] = Number(months.getItem(row));
        cells.numerators[at] = Number(numerators.getItem(row));
        const denominator = denominators.getItem(row);
        cells.denominators[at] = denominator === null ? NO_DENOMINATOR : Number(denominator);
      }
    });
    if (key !== -1) cells.ends.set(key, cells.length);
    return cells;
  }

  get size(): number {
    return this.length;
  }

  /** The counts of one measure and organisation (ids of the snapshot) at a month, or undefined if it has no cell there. */
  at(measureId: number, orgId: number, month: number): CellCounts | undefined {
    const key = measureId * ORGS_PER_MEASURE + orgId;
    const start = this.starts.get(key);
    if (start === undefined) return undefined;
    const end = this.ends.get(key) as number;
    // Months are usually consecutive, so the month's place is known; otherwise a binary search finds it.
    let i = start + (month - this.months[start]);
    if (i < start || i >= end || this.months[i] !== month) {
      let low = start;
      let high = end - 1;
      i = -1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        if (this.months[middle] < month) low = middle + 1;
        else if (this.months[middle] > month) high = middle - 1;
        else {
          i = middle;
          break;
        }
      }
      if (i === -1) return undefined;
    }
    return this.countsAt(i);
  }

  /** The months `from` to `to` (inclusive) that one measure and organisation have cells for, in order. */
  line(measureId: number, orgId: number, from: number, to: number): CellMonth[] {
    const key = measureId * ORGS_PER_MEASURE + orgId;
    const start = this.starts.get(key);
    if (start === undefined) return [];
    const end = this.ends.get(key) as number;
    const out: CellMonth[] = [];
    for (let i = start; i < end; i++) {
      const month = this.months[i];
      if (month > to) break;
      if (month >= from) out.push({ month, ...this.countsAt(i) });
    }
    return out;
  }

  private countsAt(i: number): CellCounts {
    const denominator = this.denominators[i];
    return { numerator: this.numerators[i], denominator: denominator === NO_DENOMINATOR ? null : denominator };
  }
}
