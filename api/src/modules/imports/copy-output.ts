const TAB = 9;
const NEWLINE = 10;
const BACKSLASH = 92;
const N = 78;

/**
 * COPY text being written, from strings (a row made by the checks) and from byte ranges of the
 * file as read (a row whose values pass as they are), kept in the order given: a direct load's
 * rows get their ids in that order. Strings are joined and encoded together, as before bytes or
 * when taken, so a file written only from strings costs one encoding per flush.
 */
export class CopyOutput {
  private buffer = Buffer.allocUnsafe(1 << 19);
  private used = 0;
  private strings: string[] = [];
  private stringLength = 0;

  /** Bytes and string characters held: a flush is due past some size. */
  get length(): number {
    return this.used + this.stringLength;
  }

  text(value: string): void {
    this.strings.push(value);
    this.stringLength += value.length;
  }

  /** data[start, end) as it is. */
  bytes(data: Buffer, start: number, end: number): void {
    if (this.strings.length) this.encodeStrings();
    const length = end - start;
    this.reserve(length);
    const buffer = this.buffer;
    let at = this.used;
    // A value is a few bytes: copied by hand, which costs less than a call into Buffer.copy.
    if (length < 48) for (let i = start; i < end; i++) buffer[at++] = data[i];
    else at += data.copy(buffer, at, start, end);
    this.used = at;
  }

  /** A tab, a line break: one ASCII byte. */
  byte(value: number): void {
    if (this.strings.length) this.encodeStrings();
    this.reserve(1);
    this.buffer[this.used++] = value;
  }

  tab(): void {
    this.byte(TAB);
  }

  newline(): void {
    this.byte(NEWLINE);
  }

  /** COPY's NULL, `\N`. */
  null(): void {
    if (this.strings.length) this.encodeStrings();
    this.reserve(2);
    this.buffer[this.used++] = BACKSLASH;
    this.buffer[this.used++] = N;
  }

  /** A whole number from 0 up, in decimal digits. */
  integer(value: number): void {
    if (this.strings.length) this.encodeStrings();
    this.reserve(16);
    const buffer = this.buffer;
    let digits = 1;
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
    let at = this.used + digits;
    this.used = at;
    let rest = value;
    do {
      buffer[--at] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
  }

  /**
   * What was written, as one buffer of its own; the output starts empty again. Copied out rather than
   * handed over: a new working buffer at each flush (a megabyte or more once grown) is external
   * memory V8 answers with full collections, 94 s of a FHIR re-import whose heap is large.
   */
  take(): Buffer {
    if (this.strings.length) this.encodeStrings();
    const taken = Buffer.allocUnsafe(this.used);
    this.buffer.copy(taken, 0, 0, this.used);
    this.used = 0;
    return taken;
  }

  private encodeStrings(): void {
    const text = this.strings.length === 1 ? this.strings[0] : this.strings.join('');
    this.strings = [];
    this.stringLength = 0;
    this.reserve(text.length * 3); // at most three UTF-8 bytes per UTF-16 unit
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  private reserve(length: number): void {
    if (this.used + length <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + length));
    this.buffer.copy(grown, 0, 0, this.used);
    this.buffer = grown;
  }
}
