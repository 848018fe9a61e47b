import type { z } from 'zod';
import { dirname } from 'node:path';
import { LabError } from '../api/errors.js';
import { describeIssues } from './record-file.js';

/**
 * Evidence of work not done yet is not evidence. A calendar date is judged with the widest time-zone
 * slack (UTC+14), a date-time with a few minutes for clock skew.
 */
export function assertNotInFuture(date: string, now: Date): void {
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const at = Date.parse(dayOnly ? `${date}T00:00:00Z` : date);
  const slackMs = dayOnly ? 14 * 3600_000 : 5 * 60_000;
  if (at - slackMs > now.getTime()) {
    throw new LabError('usage', `The attestation date ${date} is in the future (it is ${now.toISOString().slice(0, 10)} now).`, 'Give the date the work happened, or leave out --date for today.');
  }
}

export function validateForSave<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new LabError('usage', `The ${what} to save fails validation: ${describeIssues(parsed.error)}.`, `Nothing was written. Fix the named field of the ${what}.`);
  }
  return parsed.data;
}

/** What to do about a full file system (ENOSPC, or the user's quota), naming the folder; null for any other cause. */
export function diskFullHint(folder: string, cause: unknown): string | null {
  const code = (cause as NodeJS.ErrnoException | null)?.code;
  if (code !== 'ENOSPC' && code !== 'EDQUOT') return null;
  return `The file system that holds ${folder} is full${code === 'EDQUOT' ? ' (your quota on it)' : ''}: free disk space there, or choose a folder on another disk with --workspace DIR or the EDGELAB_WORKSPACE environment variable.`;
}

export function writeError(path: string, cause: unknown): LabError {
  return new LabError(
    'input',
    `Cannot write ${path}: ${(cause as Error).message}`,
    diskFullHint(dirname(path), cause) ?? 'Check free disk space and the workspace permissions, or choose another folder with --workspace DIR.',
    { cause },
  );
}

export async function withinSeconds<T>(seconds: number, what: string, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${seconds} s`)), seconds * 1000);
    timer.unref();
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
