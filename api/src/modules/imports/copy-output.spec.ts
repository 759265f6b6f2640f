import { CopyOutput } from './copy-output';

describe('COPY output', () => {
  it('keeps strings and bytes in the order written, with tabs, NULLs, line breaks and whole numbers', () => {
    const out = new CopyOutput();
    const row = Buffer.from('x,2024-02-29,é,y', 'utf8');
    out.text('1\tcafé\t');
    out.bytes(row, 2, 12);
    out.tab();
    out.null();
    out.tab();
    out.integer(0);
    out.tab();
    out.integer(9_007_199_254_740_991);
    out.newline();
    out.text('2\t');
    out.bytes(row, 13, row.length - 2);
    out.newline();
    expect(out.length).toBe(Buffer.byteLength('1\tcafé\t2024-02-29\t\\N\t0\t9007199254740991\n2\té\n'));
    expect(out.take().toString('utf8')).toBe('1\tcafé\t2024-02-29\t\\N\t0\t9007199254740991\n2\té\n');
    expect(out.length).toBe(0);
  });

  it('gives each flush a buffer of its own, which later writes leave as it was, past the first buffer\'s size', () => {
    const out = new CopyOutput();
    const long = Buffer.alloc(700_000, 'a');
    out.bytes(long, 0, long.length);
    out.text('b'.repeat(300_000));
    const first = out.take();
    out.text('c'.repeat(10));
    out.bytes(long, 0, 5);
    const second = out.take();
    expect([first.length, first[0], first[699_999], first[700_000], first[999_999]]).toEqual([1_000_000, 97, 97, 98, 98]);
    expect(second.toString()).toBe('ccccccccccaaaaa');
  });
});
