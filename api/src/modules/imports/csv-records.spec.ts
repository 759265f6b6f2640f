import { CsvError, parse } from 'csv-parse';
import { mulberry32 } from '../../../../analytics/src/engine/testing/seeded-random';
import { CsvRecordReader } from './csv-records';

/** csv-parse over the whole text at once, with the stager's options: the reference. */
function byCsvParse(text: Buffer): Promise<{ records: string[][]; error: string | undefined }> {
  return new Promise((resolve) => {
    const records: string[][] = [];
    const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: false });
    parser.on('data', (record: string[]) => records.push(record));
    parser.once('end', () => resolve({ records, error: undefined }));
    parser.once('error', (e) => resolve({ records, error: e instanceof CsvError ? e.code : String(e) }));
    parser.end(text);
  });
}

/**
 * The reader, its records in order; given `takes`, lines are offered as bytes too and taken when
 * it says so, each taken line recorded as its text split at commas.
 */
async function byReader(text: Buffer, chunkSizes: number[], takes?: () => boolean): Promise<{ records: string[][]; error: string | undefined }> {
  const records: string[][] = [];
  const onLine = takes
    ? (data: Buffer, start: number, end: number) => {
        if (!takes()) return false;
        records.push(data.toString('utf8', start, end).split(','));
        return true;
      }
    : undefined;
  const reader = new CsvRecordReader((record) => records.push(record), onLine);
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    // Chunks end on whole UTF-8 characters, as the stager gives them.
    let end = Math.min(text.length, at + chunkSizes[i % chunkSizes.length]);
    while (end < text.length && (text[end] & 0xc0) === 0x80) end++;
    reader.write(text.subarray(at, end));
    at = end;
  }
  await reader.end();
  const error = reader.error;
  return { records, error: error === undefined ? undefined : error instanceof CsvError ? error.code : String(error) };
}

describe('reading CSV records', () => {
  it('splits plain lines and commas, keeping empty fields, empty lines and a last line without a line break', async () => {
    const { records } = await byReader(Buffer.from('\uFEFFa,b,c\n1,,3\n\n4,5\n6,7,8'), [5]);
    expect(records).toEqual([['a', 'b', 'c'], ['1', '', '3'], [''], ['4', '5'], ['6', '7', '8']]);
  });

  it('offers each quote-free line as bytes, without its line break, and splits the lines not taken', async () => {
    const offered: string[] = [];
    const records: string[][] = [];
    const reader = new CsvRecordReader(
      (record) => records.push(record),
      (data, start, end) => {
        offered.push(data.toString('utf8', start, end));
        return offered.length % 2 === 0;
      },
    );
    for (const chunk of ['\uFEFFa,b', ',c\n1,,3\n\n4', ',5\n6,7,8']) reader.write(Buffer.from(chunk, 'utf8'));
    await reader.end();
    expect(offered).toEqual(['a,b,c', '1,,3', '', '4,5', '6,7,8']);
    expect(records).toEqual([['a', 'b', 'c'], [''], ['6', '7', '8']]);
  });

  it('hands the rest of the file to csv-parse from the chunk that holds a quote, at the record boundary', async () => {
    const { records } = await byReader(Buffer.from('a,b\n1,2\n3,"x,\ny"\n5,6\n'), [9]);
    expect(records).toEqual([['a', 'b'], ['1', '2'], ['3', 'x,\ny'], ['5', '6']]);
  });

  it('keeps "\\n" as the record delimiter after the first line when a carriage return comes later', async () => {
    // As csv-parse over the whole text: the first line break found is the file's record delimiter.
    const text = Buffer.from('a,b\n1,2\r\n3,4\n');
    const { records } = await byReader(text, [4]);
    expect(records).toEqual([['a', 'b'], ['1', '2\r'], ['3', '4']]);
    expect(records).toEqual((await byCsvParse(text)).records);
  });

  it('gives the same records and the same error as csv-parse over the whole text, for random text cut into random chunks', async () => {
    const alphabet = ['a', 'b', '1', ',', ',', '\n', '\n', '\r', '"', ' ', 'é', '☕'];
    for (let seed = 1; seed <= 3000; seed++) {
      const next = mulberry32(seed);
      const plain = next() < 0.6;
      const length = Math.floor(next() * 40);
      let text = next() < 0.1 ? '\uFEFF' : '';
      for (let i = 0; i < length; i++) {
        const pick = alphabet[Math.floor(next() * alphabet.length)];
        text += plain && (pick === '"' || pick === '\r') && next() < 0.9 ? 'x' : pick;
      }
      const bytes = Buffer.from(text, 'utf8');
      const chunkSizes = Array.from({ length: 3 }, () => 1 + Math.floor(next() * 12));
      const expected = await byCsvParse(bytes);
      // Lines split here, or given as bytes to a taker that takes none, half, or all of them.
      for (const share of [undefined, 0, 0.5, 1]) {
        const actual = await byReader(bytes, chunkSizes, share === undefined ? undefined : () => next() < share);
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          throw new Error(`seed ${seed}, text ${JSON.stringify(text)}, chunks ${chunkSizes}, lines taken as bytes ${share}: ${JSON.stringify(actual)} instead of ${JSON.stringify(expected)}`);
        }
      }
    }
  });
});
