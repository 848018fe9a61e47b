import { describe, expect, test } from 'vitest';
import { extrasSections } from '../../core/report/extras-tables.js';
import { baselineRun } from '../golden/synthetic-runs.js';

describe('extras are shown generically, a section per key', () => {
  test('an object: scalar fields as a table, lists of flat rows as tables, string lists as lines', () => {
    const run = {
      ...baselineRun,
      extras: { profile: { summary: 'Conv dominates', nodes: [{ name: 'a', ms: 1.5 }, { name: 'b', ms: 0.25 }], findings: ['one', 'two'], nested: { deep: true } } },
    };
    const [section] = extrasSections(run);
    expect(section?.key).toBe('profile');
    expect(section?.lines).toEqual(['one', 'two']);
    expect(section?.tables.map((t) => t.caption)).toEqual(['profile', 'nodes']);
    expect(section?.tables[0]?.table.rows).toEqual([['summary', 'Conv dominates']]);
    const nodes = section?.tables[1]?.table;
    expect(nodes?.columns).toEqual([
      { header: 'name', align: 'left' },
      { header: 'ms', align: 'right' },
    ]);
    expect(nodes?.rows).toEqual([['a', '1.50'], ['b', '0.250']]);
  });

  test('a long list of rows is cut to the top N, with the count left out', () => {
    const rows = Array.from({ length: 25 }, (_, i) => ({ node: `n${i}`, ms: 25 - i }));
    const [section] = extrasSections({ ...baselineRun, extras: { nodes: rows } }, 10);
    expect(section?.tables[0]?.table.rows).toHaveLength(10);
    expect(section?.tables[0]?.table.rows[0]).toEqual(['n0', '25']);
    expect(section?.tables[0]?.omittedRows).toBe(15);
  });

  test('no extras, no sections', () => {
    expect(extrasSections({ ...baselineRun, extras: {} })).toEqual([]);
  });
});
