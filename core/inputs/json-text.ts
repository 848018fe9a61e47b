import type { LabError } from '../api/errors.js';

/**
 * JSON.parse, with an error that never quotes the text. V8's message repeats the file's first bytes
 * ("Unexpected token 'r', "root:x:0:0"..."), and the server sends a LabError's message to its
 * client: a path given in a request must not become a way to read any file on the lab's machine.
 * `refuse` words the error from the problem, which holds none of the text.
 */
export function parseJsonText(text: string, refuse: (problem: string) => LabError): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw refuse(jsonSyntaxProblem(e));
  }
}

/** Where and how the JSON broke, in words that hold none of its text. */
export function jsonSyntaxProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (/Unexpected end of JSON input|Unterminated/i.test(message)) return 'it ends in the middle of a value: cut off while being written or copied?';
  const at = /\(line (\d+) column (\d+)\)/.exec(message);
  return at ? `a syntax error at line ${at[1]}, column ${at[2]}` : 'a syntax error; its text is not repeated here';
}
