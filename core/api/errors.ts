/**
 * Every failure a user can act on is a LabError: a message that names the file, field or value,
 * and a hint that says what to do. Every face (CLI, server, app) shows `message` and `hint` as is,
 * so the wording is written once, here at the source.
 */
export type LabErrorKind =
  /** The user asked for something malformed: a flag, a value, a spec field. */
  | 'usage'
  /** An input file (model, image, suite, record) is missing, unreadable or not what it claims. */
  | 'input'
  /** The request is well formed but this machine cannot do it (provider, memory). */
  | 'unavailable'
  /** Something failed while measuring (ONNX Runtime raised, the runner died). */
  | 'runtime';

/**
 * The request field an error is about, as its path in the request (`inputs.dims`), with the names
 * it concerns (the dims that need a value): the message is worded in the CLI's flags, so another
 * face words the error in its own controls' terms from this.
 */
export interface ErrorField {
  path: string;
  names?: string[];
}

export class LabError extends Error {
  override readonly name = 'LabError';
  readonly field?: ErrorField;
  constructor(
    readonly kind: LabErrorKind,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown; field?: ErrorField },
  ) {
    super(message, options);
    if (options?.field) this.field = options.field;
  }

  /** The message and hint as one block of text, the way the CLI prints it. */
  describe(): string {
    return this.hint ? `${this.message}\n  ${this.hint}` : this.message;
  }
}

export function isLabError(e: unknown): e is LabError {
  return e instanceof LabError;
}

/** Plain-data form of an error, as stored in a failed run record or sent over IPC/HTTP. */
export interface ErrorInfo {
  kind: LabErrorKind;
  message: string;
  hint?: string;
  field?: ErrorField;
}

export function toErrorInfo(e: unknown): ErrorInfo {
  if (isLabError(e)) return { kind: e.kind, message: e.message, ...(e.hint ? { hint: e.hint } : {}), ...(e.field ? { field: e.field } : {}) };
  const message = e instanceof Error ? e.message : String(e);
  return { kind: 'runtime', message };
}
