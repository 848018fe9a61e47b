import type { ErrorInfo, LabErrorKind } from '../../../core/api/errors.js';

const KINDS: readonly LabErrorKind[] = ['usage', 'input', 'unavailable', 'runtime'];

/**
 * The message and hint of whatever an API call threw. HTTP errors arrive as `{ kind, message, hint }`
 * on the thrown object; IPC keeps only the message, which then stands alone. Either way the words
 * are the ones the CLI prints, written once at the source.
 */
export function errorInfoOf(e: unknown): ErrorInfo {
  if (typeof e === 'object' && e !== null) {
    const fields = e as { kind?: unknown; message?: unknown; hint?: unknown; error?: unknown; field?: unknown };
    if (typeof fields.error === 'object' && fields.error !== null && !(e instanceof Error)) return errorInfoOf(fields.error);
    const message = typeof fields.message === 'string' ? fields.message : String(e);
    const kind = KINDS.find((k) => k === fields.kind) ?? 'runtime';
    const field = fieldOf(fields.field);
    return { kind, message, ...(typeof fields.hint === 'string' && fields.hint !== '' ? { hint: fields.hint } : {}), ...(field ? { field } : {}) };
  }
  return { kind: 'runtime', message: String(e) };
}

/** The request field an error names (core/api/errors.ts ErrorField), when it came with one. */
function fieldOf(value: unknown): ErrorInfo['field'] {
  if (typeof value !== 'object' || value === null) return undefined;
  const { path, names } = value as { path?: unknown; names?: unknown };
  if (typeof path !== 'string') return undefined;
  return Array.isArray(names) && names.every((n) => typeof n === 'string') ? { path, names: names as string[] } : { path };
}
