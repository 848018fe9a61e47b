import type { z } from 'zod';
import { LabError, isLabError } from '../api/errors.js';
import { describeIssues } from '../api/describe-issues.js';

/**
 * The CLI's one boundary for errors: whatever a command throws becomes a LabError, so the user sees a
 * message and what to do, never a ZodError dump or a stack trace. A schema failure that reaches here
 * means a value slipped past the flag checks: it is still the caller's input, so it is a usage error
 * naming the field. Anything else is a runtime error with its message; the stack is printed only
 * when EDGELAB_DEBUG is set, for a bug report.
 */
export function asLabError(e: unknown, command = 'COMMAND'): LabError {
  if (isLabError(e)) return e;
  // By name, not instanceof: importing zod here would load it on every start, `--help` included.
  if (isZodError(e)) {
    return new LabError('usage', `a value is out of range: ${describeIssues(e)}.`, `Check the flag or suite field named; \`edgelab ${command} --help\` lists the allowed values.`);
  }
  if (e instanceof RangeError) {
    return new LabError('usage', `a value is too large to work with: ${e.message}.`, `Use smaller counts or dims; \`edgelab ${command} --help\` lists the allowed ranges.`, { cause: e });
  }
  const message = e instanceof Error ? e.message : String(e);
  return new LabError('runtime', `unexpected error: ${message}`, 'Set EDGELAB_DEBUG=1 to print where it happened, and report it with the command line.', { cause: e });
}

/** The stack of an unexpected error, for EDGELAB_DEBUG=1 only. */
export function debugDetail(e: unknown, env: NodeJS.ProcessEnv): string {
  if (!env.EDGELAB_DEBUG || isLabError(e) || !(e instanceof Error)) return '';
  return `${e.stack ?? ''}\n`;
}

function isZodError(e: unknown): e is z.ZodError {
  return e instanceof Error && e.name === 'ZodError' && Array.isArray((e as { issues?: unknown }).issues);
}
