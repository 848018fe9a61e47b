import type { z } from 'zod';

/**
 * A schema's refusal in words: the field's path and what is wrong with it. Every face words a bad
 * request, record or suite file this way, so it lives beside the schemas rather than in a module
 * that reads files.
 */

/** `latencyMs.p99`, `samplesMs[3]`, `spec.session.executionProviders[0]`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(the record itself)' : out;
}

export function describeIssues(error: z.ZodError, limit = 3): string {
  const shown = error.issues.slice(0, limit).map((issue) => `field ${formatIssuePath(issue.path)}: ${issue.message}`);
  const more = error.issues.length > limit ? ` (and ${error.issues.length - limit} more)` : '';
  return shown.join('; ') + more;
}
