import { randomBytes } from 'node:crypto';

/**
 * Run ids sort by start time and stay unique across processes writing one workspace at once:
 * UTC time to the second plus 24 random bits, e.g. 20261124T040112Z-3f9a1c.
 */
export function newRunId(at: Date = new Date()): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}
