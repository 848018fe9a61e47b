import type { ErrorInfo, LabErrorKind } from '../../../core/api/errors.js';

const KINDS: readonly LabErrorKind[] = ['usage', 'input', 'unavailable', 'runtime'];

/**
 * The message and hint of whatever an API call threw. HTTP errors arrive as `{ kind, message, hint }`
 * on the thrown object; IPC keeps only the message, which then stands alone. Either way the words
 * are the ones the CLI prints, written once at the source.
 */
export function errorInfoOf(e: unknown): ErrorInfo {
  if (typeof e === 'object' && e !== null) {
    const fields = e as { kind?: unknown; message?: unknown; hint?: unknown; error?: unknown };
    if (typeof fields.error === 'object' && fields.error !== null && !(e instanceof Error)) return errorInfoOf(fields.error);
    const message = typeof fields.message === 'string' ? fields.message : String(e);
    const kind = KINDS.find((k) => k === fields.kind) ?? 'runtime';
    return typeof fields.hint === 'string' && fields.hint !== '' ? { kind, message, hint: fields.hint } : { kind, message };
  }
  return { kind: 'runtime', message: String(e) };
}
