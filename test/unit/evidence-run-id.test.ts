import { describe, expect, it } from 'vitest';
import { EVIDENCE_ID_PATTERN, isSafeId, newRunId } from '../../core/evidence/evidence-id.js';

describe('newRunId', () => {
  it('is UTC time to the second plus a random suffix', () => {
    expect(newRunId(new Date('2026-11-24T04:01:12.345Z'))).toMatch(/^20261124T040112Z-[0-9a-f]{6}$/);
  });

  it('sorts by time and differs within one second', () => {
    const earlier = newRunId(new Date('2026-11-24T04:01:12Z'));
    const later = newRunId(new Date('2026-11-24T04:01:13Z'));
    expect([later, earlier].sort()).toEqual([earlier, later]);
    const sameSecond = new Set(Array.from({ length: 200 }, () => newRunId(new Date('2026-11-24T04:01:12Z'))));
    expect(sameSecond.size).toBe(200);
    for (const id of sameSecond) expect(id).toMatch(EVIDENCE_ID_PATTERN);
  });

  it('is a safe file name, and path-like ids are not', () => {
    expect(isSafeId(newRunId())).toBe(true);
    for (const bad of ['', '../x', 'a/b', '.hidden', 'a..b', 'x.json', 'x.tmp', 'a\\b']) expect(isSafeId(bad)).toBe(false);
  });
});
