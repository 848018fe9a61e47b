import { z } from 'zod';
import { emptyMessage, TEXT_LIMITS, tooLongMessage, type TextKind } from './text-limits.js';

/**
 * A string field bounded by its kind's limit, with a message that states the limit. Kept apart
 * from text-limits.ts, which the CLI reads on every start, so that zod loads only with a schema.
 */
export function boundedText(kind: TextKind) {
  return z.string().max(TEXT_LIMITS[kind], { error: (issue) => tooLongMessage(kind, typeof issue.input === 'string' ? issue.input.length : 0) });
}

/**
 * Bounded text that must say something: the CLI refuses an empty or blank flag value, and a request
 * must not record what the CLI refuses (a blank label lists as nothing, a blank tag matches nothing).
 */
export function filledText(kind: TextKind) {
  return boundedText(kind).refine((t) => t.trim() !== '', { error: emptyMessage(kind) });
}
