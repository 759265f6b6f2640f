import { CsvError, parse } from 'csv-parse';
import { mulberry32 } from '../../../../analytics/src/engine/testing/seeded-random';
import { CsvRecordReader, LineTooLongError, MAX_LINE_BYTES } from './csv-records';

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
async function byReader(text: Buffer, chunkSizes: number[], takes?: () => boolean, maxLineBytes?: number): Promise<{ records: string[][]; error: string | undefined }> {
  const records: string[][] = [];
  const onLine = takes
    ? (data: Buffer, start: number, end: number) => {
        if (!takes()) return false;
        records.push(data.toString('utf8', start, end).split(','));
        return true;
      }
    : undefined;
  const reader = new CsvRecordReader((record) => records.push(record), onLine, maxLineBytes);
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
  const named = error instanceof CsvError ? error.code : error instanceof LineTooLongError ? `longer than ${error.maxBytes}` : String(error);
  return { records, error: error === undefined ? undefined : named };
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

  it('reads a line of up to the limit and stops at a longer one, split, offered as bytes or read by csv-parse, in any chunks', async () => {
    expect(MAX_LINE_BYTES).toBe(1_048_576);
    // Limit 8: "1,234567" is 8 bytes and "1,2345678" 9; "1,2345é" is 8 bytes ('é' is 2). csv-parse counts a
    // record's field bytes without its commas and quotes, checked before it adds a byte (so a field may end one
    // byte over): "12345678" quoted is 8, "1234567890" 10.
    const cases: [string, string[][], string | undefined][] = [
      ['a,b\n1,234567\n1,2345é', [['a', 'b'], ['1', '234567'], ['1', '2345é']], undefined],
      ['a,b\n1,2345678\n3,4\n', [['a', 'b']], 'longer than 8'],
      ['a,b\n1,2\n3,4567890', [['a', 'b'], ['1', '2']], 'longer than 8'],
      ['a,b\n"12345678"\n', [['a', 'b'], ['12345678']], undefined],
      ['a,b\n"1234567890"\n1,2\n', [['a', 'b']], 'longer than 8'],
    ];
    for (const [text, records, error] of cases) {
      for (const chunk of [1, 3, 20]) {
        for (const takes of [undefined, () => false, () => true]) {
          expect([text, chunk, await byReader(Buffer.from(text, 'utf8'), [chunk], takes, 8)]).toEqual([text, chunk, { records, error }]);
        }
      }
    }
  });

  it('stops at a 5 MB line (no line break) with the limit lowered to 64 KiB, read in 256 KiB chunks', async () => {
    const text = Buffer.concat([Buffer.from('practice_code,trained_on,programme,staff_trained\n'), Buffer.alloc(5 * 1024 * 1024, 'x')]);
    for (const takes of [undefined, () => true]) {
      expect(await byReader(text, [256 * 1024], takes, 64 * 1024)).toEqual({ records: [['practice_code', 'trained_on', 'programme', 'staff_trained']], error: 'longer than 65536' });
    }
    // A quote in it: csv-parse reads it, with the same limit.
    text[49] = 34;
    expect(await byReader(text, [256 * 1024], undefined, 64 * 1024)).toEqual({ records: [['practice_code', 'trained_on', 'programme', 'staff_trained']], error: 'longer than 65536' });
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
