/** The numbers behind a chart, shown in a table one click away. */
export interface ChartTable {
  caption: string;
  columns: string[];
  /** Cells as they are shown (already formatted, "suppressed" where hidden). */
  rows: string[][];
  /** Columns holding numbers, right-aligned. */
  numeric?: number[];
}
