import { sqlString } from './snapshot-results.sql';

/** Header of the cells export (issue 4), in column order. */
export const EXPORT_CELLS_HEADER = 'measure,month,level,org,breakdown,numerator,denominator,rate,ci_low,ci_high';

/** Validated filters of an export: months as first-of-month dates, measure ids from the registry. */
export interface ExportCellsFilter {
  fromMonth?: string;
  toMonth?: string;
  measures?: readonly string[];
}

const DATE = /^\d{4}-\d{2}-01$/;
const ID = /^[a-z0-9_]+$/;

/**
 * COPY of every unsuppressed cell of the snapshot to a CSV file; counts as whole numbers, empty
 * denominator, rate and interval for count measures, empty breakdown for the whole population.
 */
export function exportCellsSql(outFile: string, filter: ExportCellsFilter): string {
  const where: string[] = [];
  if (filter.fromMonth !== undefined) {
    if (!DATE.test(filter.fromMonth)) throw new Error(`bad month ${filter.fromMonth}`);
    where.push(`month >= DATE '${filter.fromMonth}'`);
  }
  if (filter.toMonth !== undefined) {
    if (!DATE.test(filter.toMonth)) throw new Error(`bad month ${filter.toMonth}`);
    where.push(`month <= DATE '${filter.toMonth}'`);
  }
  if (filter.measures !== undefined) {
    for (const id of filter.measures) if (!ID.test(id)) throw new Error(`bad measure id ${id}`);
    where.push(`measure IN (${filter.measures.map((id) => `'${id}'`).join(', ') || 'NULL'})`);
  }
  return `
COPY (
  SELECT measure, strftime(month, '%Y-%m') AS month, level, org, nullif(breakdown, '') AS breakdown,
         numerator::BIGINT AS numerator, denominator::BIGINT AS denominator, rate, ci_low, ci_high
  FROM cells
  ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
  ORDER BY measure, month,
           CASE level WHEN 'practice' THEN 1 WHEN 'pcn' THEN 2 WHEN 'sub_icb' THEN 3 WHEN 'icb' THEN 4
                      WHEN 'region' THEN 5 ELSE 6 END,
           org, breakdown
) TO ${sqlString(outFile)} (FORMAT csv, HEADER true)`;
}
