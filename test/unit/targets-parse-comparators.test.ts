import { describe, expect, it } from 'vitest';
import { comparators, parseTarget } from '../../core/targets/index.js';

describe('parseTarget: comparators', () => {
  it.each([
    ['p99<33ms', '<'],
    ['p99<=33ms', '<='],
    ['fps>30', '>'],
    ['fps>=30', '>='],
  ])('reads %s with comparator %s', (expression, comparator) => {
    expect(parseTarget(expression).comparator).toBe(comparator);
  });

  it('knows exactly the four comparators', () => {
    expect(comparators).toEqual(['<', '<=', '>', '>=']);
  });
});
