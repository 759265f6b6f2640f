import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SnapshotReader } from './snapshot-reader';
import { publishSnapshot } from './snapshot-store';

// scanChunks: every row of a large answer, in order, in DuckDB's chunks of at most 2,048 rows, with the event loop
// free between them; the connection goes back to the pool afterwards (a later query still runs).
describe('snapshot reader: a large answer chunk by chunk', () => {
  let dir: string;
  let reader: SnapshotReader;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pcsp-reader-'));
    await publishSnapshot(dir, async (outFile) => {
      const instance = await DuckDBInstance.create(outFile);
      const connection = await instance.connect();
      await connection.run('CREATE TABLE numbers AS SELECT i::INTEGER AS i FROM range(5000) t(i)');
      connection.closeSync();
      instance.closeSync();
      return { asOf: '2024-06-10', builtAt: '2024-06-10T00:00:00Z', firstMonth: '2024-01', lastMonth: '2024-05', practiceCells: 0, cells: 0, seconds: 0 };
    });
    reader = new SnapshotReader(dir);
  });
  afterAll(() => {
    reader.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hands over 4,500 rows as 2,048 + 2,048 + 404, in order, letting timers run in between', async () => {
    const chunks: number[][] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      await reader.scanChunks('SELECT i FROM numbers WHERE i < $n ORDER BY i', { n: 4500 }, (chunk) => {
        const column = chunk.getColumnVector(0);
        chunks.push(Array.from({ length: chunk.rowCount }, (_, row) => Number(column.getItem(row))));
      });
    } finally {
      clearInterval(timer);
    }
    expect(chunks.map((c) => c.length)).toEqual([2048, 2048, 404]);
    expect(chunks.flat()).toEqual(Array.from({ length: 4500 }, (_, i) => i));
    expect(ticks).toBeGreaterThan(0);
    await expect(reader.query('SELECT count(*)::INTEGER AS n FROM numbers')).resolves.toEqual([{ n: 5000 }]);
  });

  it('names the query’s error and frees its connection', async () => {
    await expect(reader.scanChunks('SELECT nothing FROM numbers', undefined, () => undefined)).rejects.toThrow(/nothing/);
    await expect(reader.query('SELECT max(i)::INTEGER AS top FROM numbers')).resolves.toEqual([{ top: 4999 }]);
  });
});
