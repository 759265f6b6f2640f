import { jsonSyntaxError, type JsonSyntaxError } from './json-syntax-error';

const placed = (text: string): JsonSyntaxError => {
  try {
    JSON.parse(text);
  } catch (error) {
    return jsonSyntaxError(text, error);
  }
  throw new Error('the text is valid JSON');
};

describe('jsonSyntaxError', () => {
  it('places an error V8 gives an offset for, and drops the offset from the message', () => {
    // Line 1 `{`, line 2 `  "a": 1`, line 3 `  "b": 2`: V8 stops at `"` of "b", offset 2 + 9 + 2 = 13, line 3 column 3.
    expect(placed('{\n  "a": 1\n  "b": 2\n}')).toEqual({ line: 3, column: 3, message: "Expected ',' or '}' after property value in JSON" });
  });

  it('places an unexpected token, for which V8 gives no offset, and leaves out the text V8 quotes', () => {
    // `{"nhs": x9434765919}`: the x is the 9th character; V8's message quotes the whole text, NHS number and all.
    expect(placed('{"nhs": x9434765919}')).toEqual({ line: 1, column: 9, message: "Unexpected token 'x'" });
    // `[1,]`: the ] where a value must be, column 4.
    expect(placed('[1,]')).toEqual({ line: 1, column: 4, message: "Unexpected token ']'" });
    // `{"a": tru}`: the } where the e of true must be, column 10.
    expect(placed('{"a": tru}')).toEqual({ line: 1, column: 10, message: "Unexpected token '}'" });
  });

  it('places a truncated file at its end', () => {
    // Cut after `"entry": [` on line 3: the text ends at line 3, column 13 (the 12 characters `  "entry": [` then the end).
    expect(placed('{\n  "resourceType": "Bundle",\n  "entry": [')).toEqual({ line: 3, column: 13, message: 'Unexpected end of JSON input' });
    // Cut inside a string on line 2, `  "ty` (5 characters): V8 gives the end, offset 2 + 5 = 7, line 2 column 6.
    expect(placed('{\n  "ty')).toEqual({ line: 2, column: 6, message: 'Unterminated string in JSON' });
  });

  it('places a bad escape in a string', () => {
    // `["a\q"]`: the q after the backslash is the 5th character.
    expect(placed('["a\\q"]')).toEqual({ line: 1, column: 5, message: 'Bad escaped character in JSON' });
  });
});
