import type { LadderStatus, PracticeLabStatus } from '../../../core/api/ladder.js';

export type { AttestedItem, ItemStatus, LadderStatus, PracticeLabStatus } from '../../../core/api/ladder.js';

/**
 * `ladder()` and `labs()` answers, checked for the one thing that differs when the server and this
 * page come from different edgelab versions: the shape of the top level.
 */
export function asLadderStatus(value: unknown): LadderStatus {
  const v = value as Partial<LadderStatus> | null;
  if (!v || !Array.isArray(v.gates)) throw new Error('ladder() returned no gates: the server and this page are from different edgelab versions.');
  return v as LadderStatus;
}

export function asLabs(value: unknown): PracticeLabStatus[] {
  if (!Array.isArray(value)) throw new Error('labs() returned no list: the server and this page are from different edgelab versions.');
  return value as PracticeLabStatus[];
}
