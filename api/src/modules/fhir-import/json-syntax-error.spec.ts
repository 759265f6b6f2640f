import { jsonSyntaxError, type JsonSyntaxError } from './json-syntax-error';

const placed = (text: string): JsonSyntaxError | null => {
  try {
    JSON.parse(text);
  } catch {
    return jsonSyntaxError(text);
  }
  throw new Error('the text is valid JSON');
};

describe('jsonSyntaxError', () => {
  it('places an unterminated string at its opening quote', () => {
    // Line 1 `{`, line 2 `  "ty` cut short: the " is line 2, column 3.
    expect(placed('{\n  "ty')).toEqual({ line: 2, column: 3, message: 'string not closed on its line' });
    // A line break inside a string ends it: `{"a": "b` then LF; the " before b is the 7th character.
    expect(placed('{"a": "b\n"}')).toEqual({ line: 1, column: 7, message: 'string not closed on its line' });
  });

  it('places a missing comma at what follows the value, with LF or CRLF line ends', () => {
    // Line 1 `{`, line 2 `  "a": 1`, line 3 `  "b": 2`: the " of "b" is line 3, column 3.
    expect(placed('{\n  "a": 1\n  "b": 2\n}')).toEqual({ line: 3, column: 3, message: 'missing comma' });
    // The same with CRLF: the CR ends line 2 and is no column of line 3.
    expect(placed('{\r\n  "a": 1\r\n  "b": 2\r\n}')).toEqual({ line: 3, column: 3, message: 'missing comma' });
    // A lone CR breaks a line too, as editors show it: line 2 is `"a": 1 "b": 2}`, and `"a": 1 ` is 7 characters, so
    // the " of "b" is column 8.
    expect(placed('{\r"a": 1 "b": 2}')).toEqual({ line: 2, column: 8, message: 'missing comma' });
  });

  it('refuses a trailing comma at the closing bracket or brace', () => {
    // `[1,]`: the ] is the 4th character.
    expect(placed('[1,]')).toEqual({ line: 1, column: 4, message: 'expected a value' });
    // `{"a": 1,}`: `{"a": 1,` is 8 characters, the } is the 9th.
    expect(placed('{"a": 1,}')).toEqual({ line: 1, column: 9, message: 'expected a property name in double quotes' });
  });

  it('refuses a comment where it starts', () => {
    // Line 2 `  // note`: the first / is column 3.
    expect(placed('{\n  // note\n  "a": 1\n}')).toEqual({ line: 2, column: 3, message: 'comments are not allowed in JSON' });
    // `{"a": /* x */ 1}`: `{"a": ` is 6 characters, the / is the 7th.
    expect(placed('{"a": /* x */ 1}')).toEqual({ line: 1, column: 7, message: 'comments are not allowed in JSON' });
  });

  it('places a truncated file at its end', () => {
    // Cut after `"entry": [` on line 3: `  "entry": [` is 12 characters, the end is column 13.
    expect(placed('{\n  "resourceType": "Bundle",\n  "entry": [')).toEqual({ line: 3, column: 13, message: 'unexpected end of file' });
    // Cut after a comma and a line break: the end is line 2, column 1.
    expect(placed('{"a": 1,\n')).toEqual({ line: 2, column: 1, message: 'unexpected end of file' });
    // An empty file ends at once.
    expect(placed('')).toEqual({ line: 1, column: 1, message: 'unexpected end of file' });
  });

  it('places what follows the value', () => {
    // `{"a": 1} x`: the x is the 10th character.
    expect(placed('{"a": 1} x')).toEqual({ line: 1, column: 10, message: 'unexpected character or word' });
    // `{"a": 1}}`: the second } is the 9th character.
    expect(placed('{"a": 1}}')).toEqual({ line: 1, column: 9, message: 'more text after the end of the JSON value' });
  });

  it('places a bad literal at its start and quotes none of the text', () => {
    // `{"a": tru}`: `{"a": ` is 6 characters, tru starts at the 7th.
    expect(placed('{"a": tru}')).toEqual({ line: 1, column: 7, message: 'unexpected character or word' });
    // `{"nhs": x9434765919}`: `{"nhs": ` is 8 characters, the x is the 9th; V8's message would quote the NHS number.
    expect(placed('{"nhs": x9434765919}')).toEqual({ line: 1, column: 9, message: 'unexpected character or word' });
    // `[1.]`: the number starts at the 2nd character and has no digit after its point.
    expect(placed('[1.]')).toEqual({ line: 1, column: 2, message: 'number not finished' });
  });

  it('places an error inside a string at its opening quote', () => {
    // `["a\q"]`: the string opens at the 2nd character; \q is no escape.
    expect(placed('["a\\q"]')).toEqual({ line: 1, column: 2, message: 'invalid backslash escape in the string that starts there' });
    // `["\u12g4"]`: g is no hex digit.
    expect(placed('["\\u12g4"]')).toEqual({ line: 1, column: 2, message: 'invalid \\u escape in the string that starts there' });
    // `{"a": "b<TAB>c"}`: a raw tab in a string; the string opens at the 7th character.
    expect(placed('{"a": "b\tc"}')).toEqual({ line: 1, column: 7, message: 'unescaped control character (such as a tab) in the string that starts there' });
  });

  it('counts columns in UTF-16 code units and takes a BOM left in the text as an error', () => {
    // `["😀", x]`: [ 1, " 2, the emoji 3 and 4 (a surrogate pair), " 5, comma 6, space 7, x 8.
    expect(placed('["😀", x]')).toEqual({ line: 1, column: 8, message: 'unexpected character or word' });
    // JSON.parse refuses a BOM (readBundle strips it first, so its columns start after it): line 1, column 1.
    expect(placed('\ufeff{}')).toEqual({ line: 1, column: 1, message: 'unexpected character or word' });
  });

  it('says so, without the text, where it cannot place the error', () => {
    // 20,000 open brackets then x: jsonc-parser runs out of stack before it reaches the x.
    expect(placed(`${'['.repeat(20_000)}x`)).toBeNull();
    // Valid JSON has no error to place.
    expect(() => jsonSyntaxError('{"a": 1}')).toThrow(
      new Error('jsonc-parser found no error in a text JSON.parse refused'),
    );
  });
});
