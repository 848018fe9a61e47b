import { randomBytes } from 'node:crypto';
import { LabError } from '../api/errors.js';

/**
 * Run and attestation ids: UTC time to the second, then a random suffix, e.g.
 * `20261124T040112Z-3f9a1c`. Lexical order is time order, so a directory listing is already sorted,
 * and the suffix keeps ids from two processes started in the same second apart without any
 * coordination between them.
 */
export function newEvidenceId(at: Date = new Date()): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

export const newRunId = newEvidenceId;
export const newAttestationId = newEvidenceId;

/** The shape newEvidenceId produces; other safe ids (imported records) are still accepted. */
export const EVIDENCE_ID_PATTERN = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;

// An id becomes a file name, so it must not be able to climb out of its folder or hide as a dotfile.
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export function isSafeId(id: string): boolean {
  return SAFE_ID.test(id) && !id.includes('..') && !id.endsWith('.json') && !id.endsWith('.tmp');
}

export function assertSafeId(id: string, what: string): void {
  if (!isSafeId(id)) {
    throw new LabError(
      'usage',
      `The ${what} id "${id}" cannot be used as a file name in the workspace.`,
      'Use letters, digits, ".", "_" and "-" only (newRunId() makes one), starting with a letter or digit.',
    );
  }
}
