import { describe, expect, test } from 'vitest';
import { EXTRAS_MAX_COLUMNS, extrasSections, omissionNote } from '../../core/present/sections/extras-tables.js';
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
    expect(section?.tables[0]?.table.rows).toEqual([
      ['summary', 'Conv dominates'],
      ['nested.deep', 'true'],
    ]);
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

  test('list cells are joined, empty columns dropped, and wide rows cut to the column limit', () => {
    const row = Object.fromEntries(Array.from({ length: EXTRAS_MAX_COLUMNS + 2 }, (_, i) => [`c${i}`, i]));
    const rows = [{ name: 'Conv_0', inputs: ['float[1,3]', 'float[8]'], flops: null, ...row }];
    const [section] = extrasSections({ ...baselineRun, extras: { topNodes: rows } });
    const extra = section!.tables[0]!;
    expect(extra.table.columns.map((c) => c.header).slice(0, 3)).toEqual(['name', 'inputs', 'c0']);
    expect(extra.table.rows[0]?.[1]).toBe('float[1,3], float[8]');
    expect(extra.table.columns).toHaveLength(EXTRAS_MAX_COLUMNS);
    expect(extra.omittedColumns).toEqual(['c8', 'c9', 'c10', 'c11']);
    expect(omissionNote(extra)).toBe('columns c8, c9, c10, c11 in the JSON record.');
  });

  test('no extras, no sections', () => {
    expect(extrasSections({ ...baselineRun, extras: {} })).toEqual([]);
  });
});
