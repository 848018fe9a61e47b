import { JSONParser, TokenizerError, TokenParserError } from '@streamparser/json';

/**
 * A JSON document fed chunk by chunk, handing each value at `paths` to `onValue` as soon as it
 * closes, so memory holds one element at a time rather than the file's text or its parsed tree
 * (`$.*` gives each element of a top-level array). Parse errors are reworded so they never quote
 * the text: the server sends error messages to its client (see json-text.ts).
 */
export interface JsonStreamValue {
  value: unknown;
  /** The element's index in its array, or its key in its object. */
  key: string | number | undefined;
  /** How deep the value sits: 1 for an element of the top-level value. */
  depth: number;
}

export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
  constructor(readonly problem: string) {
    super(problem);
  }
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d, 0xef, 0xbb, 0xbf]);

export class JsonValueStream {
  private parser: JSONParser | null = null;
  private closed = false;
  private bytes = 0;
  /** The first byte of the top-level value (`[`, `{` …), once one has been seen. */
  first: string | null = null;

  constructor(
    private readonly paths: (first: string) => string[],
    private readonly onValue: (v: JsonStreamValue) => void,
  ) {}

  write(chunk: Uint8Array): void {
    let data = chunk;
    if (this.parser === null) {
      const at = chunk.findIndex((b) => !WHITESPACE.has(b));
      if (at < 0) return;
      this.first = String.fromCharCode(chunk[at]!);
      data = chunk.subarray(at);
      const parser = new JSONParser({ paths: this.paths(this.first), keepStack: false });
      parser.onValue = ({ value, key, stack }) => this.onValue({ value, key, depth: stack.length });
      parser.onEnd = () => {
        this.closed = true;
      };
      this.parser = parser;
    }
    try {
      this.parser.write(data);
    } catch (e) {
      throw this.reworded(e);
    }
    this.bytes += data.length;
  }

  /** Called once the whole file was written: throws when it stopped before its value closed. */
  end(): void {
    if (this.parser === null) throw new JsonSyntaxError('it ends in the middle of a value: cut off while being written or copied?');
    if (this.closed) return;
    try {
      this.parser.end();
    } catch (e) {
      throw this.reworded(e);
    }
  }

  private reworded(e: unknown): Error {
    // A value's own handler may throw (a field it refuses): that error passes as it is.
    if (!(e instanceof TokenizerError) && !(e instanceof TokenParserError)) return e as Error;
    // The parser's own messages quote the offending character; only its position is kept.
    if (/ended in mid-parsing|Unexpected end/i.test(e.message)) return new JsonSyntaxError('it ends in the middle of a value: cut off while being written or copied?');
    const at = /absolute position "(\d+)"/.exec(e.message);
    if (at || /^Unexpected /.test(e.message)) return new JsonSyntaxError(at ? `a syntax error at byte ${Number(at[1]) + 1}` : 'a syntax error; its text is not repeated here');
    return new JsonSyntaxError('a syntax error; its text is not repeated here');
  }
}
