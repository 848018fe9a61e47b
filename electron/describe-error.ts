import { isLabError } from '../core/api/errors.js';

export function describeError(e: unknown): string {
  if (isLabError(e)) return e.describe();
  return e instanceof Error ? e.message : String(e);
}
