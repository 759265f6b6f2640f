/*
 * The column checks again, over the bytes of a row as read, for a direct load's rows: each says
 * whether a value passes its check unchanged, its COPY text being its own bytes. Making a string
 * of each of 40 million values, checking it and joining it again was most of a first load's time
 * in Node. "No" is always safe: the value then goes through the string check, which decides (and
 * rewrites, as a month YYYY-MM to its first day). A test holds each one to its string check.
 */

/** Whether data[start, end) passes a column's check as it is. */
export type PassesAsIs = (data: Buffer, start: number, end: number) => boolean;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const digitAt = (data: Buffer, at: number): number => data[at] - 48;

/** Days in a month of the Gregorian calendar. */
export const daysIn = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;

const DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];

/** A real date YYYY-MM-DD; not after `today` (YYYY-MM-DD) unless allowFuture. */
export function datePassesAsIs(today: string, allowFuture: boolean): PassesAsIs {
  const latest = Buffer.from(today, 'latin1');
  return (data, start, end) => {
    if (end - start !== 10 || data[start + 4] !== 45 || data[start + 7] !== 45) return false;
    for (let i = 0; i < 8; i++) if (!isDigit(data[start + DATE_DIGITS[i]])) return false;
    const year = digitAt(data, start) * 1000 + digitAt(data, start + 1) * 100 + digitAt(data, start + 2) * 10 + digitAt(data, start + 3);
    const month = digitAt(data, start + 5) * 10 + digitAt(data, start + 6);
    const day = digitAt(data, start + 8) * 10 + digitAt(data, start + 9);
    if (year < 1 || month < 1 || month > 12 || day < 1 || (day > 28 && day > daysIn(year, month))) return false;
    if (allowFuture) return true;
    // Digits compare as the dates do.
    for (let i = 0; i < 10; i++) {
      if (data[start + i] !== latest[i]) return data[start + i] < latest[i];
    }
    return true;
  };
}

/** One of a few values, e.g. a register code: compared with those that begin with the same byte. */
export function oneOfPassesAsIs(values: readonly string[]): PassesAsIs {
  const byFirstByte: Buffer[][] = Array.from({ length: 256 }, () => []);
  for (const value of values) {
    const bytes = Buffer.from(value, 'utf8');
    if (bytes.length > 0) byFirstByte[bytes[0]].push(bytes);
  }
  return (data, start, end) => {
    if (end <= start) return false;
    const options = byFirstByte[data[start]];
    const length = end - start;
    next: for (let o = 0; o < options.length; o++) {
      const option = options[o];
      if (option.length !== length) continue;
      for (let i = 1; i < length; i++) if (data[start + i] !== option[i]) continue next;
      return true;
    }
    return false;
  };
}

/** Free text whose COPY text is itself: no backslash, tab or line break to escape; at most `maxBytes`. */
export function textPassesAsIs(maxBytes = Number.MAX_SAFE_INTEGER): PassesAsIs {
  return (data, start, end) => {
    if (end - start > maxBytes) return false;
    for (let i = start; i < end; i++) {
      const c = data[i];
      if (c === 92 || c === 9 || c === 10 || c === 13) return false;
    }
    return true;
  };
}

/** `-?[0-9]+(\.[0-9]+)?` */
export const numberPassesAsIs: PassesAsIs = (data, start, end) => {
  let at = data[start] === 45 ? start + 1 : start;
  const whole = at;
  while (at < end && isDigit(data[at])) at++;
  if (at === whole) return false;
  if (at === end) return true;
  if (data[at] !== 46) return false;
  const fraction = ++at;
  while (at < end && isDigit(data[at])) at++;
  return at === end && at > fraction;
};

/** `[0-9]{min,max}` */
export function digitsPassAsIs(min: number, max: number): PassesAsIs {
  return (data, start, end) => {
    if (end - start < min || end - start > max) return false;
    for (let i = start; i < end; i++) if (!isDigit(data[i])) return false;
    return true;
  };
}

/**
 * A checked practice code (`[A-Z][0-9]{5}`) as a number, (letter − A) · 100000 + digits: cheaper
 * to look up than a string made of its bytes. practiceCodeOfNumber gives the code back.
 */
export function practiceNumberAt(data: Buffer, start: number): number {
  return (data[start] - 65) * 100000 + (data[start + 1] - 48) * 10000 + (data[start + 2] - 48) * 1000 + (data[start + 3] - 48) * 100 + (data[start + 4] - 48) * 10 + data[start + 5] - 48;
}

export const practiceNumber = (code: string): number => practiceNumberAt(Buffer.from(code, 'latin1'), 0);

export const practiceCodeOfNumber = (value: number): string =>
  `${String.fromCharCode(65 + Math.floor(value / 100000))}${String(value % 100000).padStart(5, '0')}`;

/** A GP practice ODS code, `[A-Z][0-9]{5}`. */
export const practiceCodePassesAsIs: PassesAsIs = (data, start, end) => {
  if (end - start !== 6 || data[start] < 65 || data[start] > 90) return false;
  for (let i = start + 1; i < end; i++) if (!isDigit(data[i])) return false;
  return true;
};

/** An upstream pseudonym, `[A-Za-z0-9_-]{1,64}`. */
export const patientIdPassesAsIs: PassesAsIs = (data, start, end) => {
  if (end <= start || end - start > 64) return false;
  for (let i = start; i < end; i++) {
    const c = data[i];
    if (!(isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45)) return false;
  }
  return true;
};

/** Whether data[start, end) equals the same number of bytes of `other` from `from` on. */
export function sameBytes(data: Buffer, start: number, end: number, other: Buffer, from: number): boolean {
  for (let i = start, j = from; i < end; i++, j++) if (data[i] !== other[j]) return false;
  return true;
}

/** Any check, asked of the value as a string: for columns no direct load reads often. */
export const checkedAsIs =
  (check: (raw: string) => string | { rule: string }): PassesAsIs =>
  (data, start, end) => {
    const raw = data.toString('utf8', start, end);
    return check(raw) === raw;
  };
