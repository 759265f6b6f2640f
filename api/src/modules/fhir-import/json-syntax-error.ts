import { printParseErrorCode, visit } from 'jsonc-parser';

/** Where JSON.parse failed, 1-based line and column, and a description that quotes none of the text; null where it cannot be placed. */
export interface JsonSyntaxError {
  line: number;
  column: number;
  message: string;
}

// Where the error is in a string, jsonc-parser places it at the string's opening quote.
const DESCRIPTIONS: Record<ReturnType<typeof printParseErrorCode>, string> = {
  InvalidSymbol: 'unexpected character or word',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected a colon after the property name',
  CommaExpected: 'missing comma',
  CloseBraceExpected: 'expected a closing brace',
  CloseBracketExpected: 'expected a closing bracket',
  EndOfFileExpected: 'more text after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comment not closed',
  UnexpectedEndOfString: 'string not closed on its line',
  UnexpectedEndOfNumber: 'number not finished',
  InvalidUnicode: 'invalid \\u escape in the string that starts there',
  InvalidEscapeCharacter: 'invalid backslash escape in the string that starts there',
  InvalidCharacter: 'unescaped control character (such as a tab) in the string that starts there',
  '<unknown ParseErrorCode>': 'syntax error',
};

/**
 * Places the first error of a text JSON.parse refused, as jsonc-parser finds it with comments and trailing commas
 * refused (strict JSON). V8's own message is not used: it gives no offset for some errors and quotes the text, which
 * may hold an NHS number. Lines break at LF, CRLF or a lone CR; columns count UTF-16 code units.
 */
export function jsonSyntaxError(text: string): JsonSyntaxError | null {
  let first: JsonSyntaxError | undefined;
  try {
    visit(
      text,
      {
        onError: (code, offset, _length, line, character) => {
          first ??= { line: line + 1, column: character + 1, message: offset === text.length ? 'unexpected end of file' : DESCRIPTIONS[printParseErrorCode(code)] };
        },
      },
      { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false },
    );
  } catch (error) {
    // jsonc-parser recurses once per level: about 10,000 nested arrays or objects exhaust the stack. The file is still
    // refused as not valid JSON (by JSON.parse), only without a place.
    if (error instanceof RangeError) return null;
    throw error;
  }
  if (first === undefined) throw new Error('jsonc-parser found no error in a text JSON.parse refused');
  return first;
}
