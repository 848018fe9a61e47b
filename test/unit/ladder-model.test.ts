import { describe, expect, it } from 'vitest';
import { CRITERIA } from '../../core/ladder/criteria.js';
import { ALL_ITEMS, GATES } from '../../core/ladder/gates.js';
import { LABS } from '../../core/ladder/labs.js';
import { LADDER_VERSION, LEVELS } from '../../core/api/ladder-levels.js';

describe('ladder data', () => {
  it('has four levels and four gates, versioned', () => {
    expect(LADDER_VERSION).toBe(1);
    expect(LEVELS.map((l) => l.id)).toEqual(['entry', 'mid', 'senior', 'staff']);
    expect(GATES.map((g) => g.id)).toEqual(['entry-to-mid', 'mid-to-senior', 'senior-to-staff', 'staff-practice']);
  });

  it('gives every measured item exactly one criterion, and attested items none', () => {
    const measured = ALL_ITEMS.filter((i) => i.kind === 'measured').map((i) => i.id).sort();
    expect(Object.keys(CRITERIA).sort()).toEqual(measured);
    expect(new Set(ALL_ITEMS.map((i) => i.id)).size).toBe(ALL_ITEMS.length);
  });

  it('has at least eight labs, each serving an existing item', () => {
    expect(LABS.length).toBeGreaterThanOrEqual(8);
    const ids = new Set(ALL_ITEMS.map((i) => i.id));
    for (const lab of LABS) expect(ids.has(lab.serves), lab.id).toBe(true);
  });
});
