/** Where JSON.parse failed, 1-based line and column, and its message without the text it quotes. */
export interface JsonSyntaxError {
  line: number;
  column: number;
  message: string;
}

/**
 * Places JSON.parse's error in the text. V8 gives an offset for some errors only ("at position N"), none for an
 * unexpected token or the end of the input: those are found by scanning the text to its first error.
 */
export function jsonSyntaxError(text: string, error: unknown): JsonSyntaxError {
  const raw = error instanceof Error ? error.message : String(error);
  const given = /at position (\d+)/.exec(raw);
  const offset = given ? Number(given[1]) : firstErrorOffset(text);
  // Not shown: the quoted text, which may hold an NHS number.
  const message = raw
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ at position \d+.*$/s, '')
    .trim();
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) {
    line++;
    lineStart = at + 1;
  }
  return { line, column: offset - lineStart + 1, message };
}

class Stop {
  constructor(readonly offset: number) {}
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPED = '"\\/bfnrt';

/** Offset of the first character that makes the text not JSON (its length: it ends too soon). */
function firstErrorOffset(text: string): number {
  let at = 0;
  const stop = (): never => {
    throw new Stop(at);
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
  };
  const expect = (char: string) => {
    if (text[at] !== char) stop();
    at++;
  };
  const string = () => {
    expect('"');
    while (at < text.length) {
      const code = text.charCodeAt(at);
      if (code === 0x22) {
        at++;
        return;
      }
      if (code < 0x20) stop();
      if (code === 0x5c) {
        at++;
        if (text[at] === 'u') {
          at++;
          for (let i = 0; i < 4; i++, at++) if (!/[0-9a-fA-F]/.test(text[at] ?? '')) stop();
        } else {
          if (at >= text.length || !ESCAPED.includes(text[at])) stop();
          at++;
        }
      } else {
        at++;
      }
    }
    stop();
  };
  const value = (): void => {
    space();
    const char = text[at];
    if (char === '{') {
      at++;
      space();
      if (text[at] === '}') return void at++;
      for (;;) {
        space();
        string();
        space();
        expect(':');
        value();
        space();
        if (text[at] === '}') return void at++;
        expect(',');
      }
    }
    if (char === '[') {
      at++;
      space();
      if (text[at] === ']') return void at++;
      for (;;) {
        value();
        space();
        if (text[at] === ']') return void at++;
        expect(',');
      }
    }
    if (char === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (char !== word[0]) continue;
      for (const letter of word) expect(letter);
      return;
    }
    NUMBER.lastIndex = at;
    if (!NUMBER.test(text)) stop();
    at = NUMBER.lastIndex;
  };
  try {
    value();
    space();
    if (at < text.length) stop();
  } catch (error) {
    if (error instanceof Stop) return Math.min(error.offset, text.length);
    throw error;
  }
  return text.length;
}
