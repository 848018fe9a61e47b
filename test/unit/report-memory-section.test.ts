import { describe, expect, test } from 'vitest';
import { memorySection } from '../../core/present/sections/memory-section.js';

const rows = (value: unknown) => {
  const block = memorySection(value)?.blocks[0];
  return block?.kind === 'table' ? block.table.rows : null;
};

describe('the memory section reads RSS in MiB', () => {
  test('before load, after session, what the session added, and the peak', () => {
    expect(rows({ rssBeforeLoadBytes: 100 * 2 ** 20, rssAfterSessionBytes: 164.5 * 2 ** 20, peakRssBytes: 200 * 2 ** 20 })).toEqual([
      ['Before model load', '100.0 MiB'],
      ['After session creation', '164.5 MiB'],
      ['Added by the session', '64.5 MiB'],
      ['Peak during the run', '200.0 MiB'],
    ]);
  });

  test('an evaluation record carries only the peak, and only the peak is shown', () => {
    expect(rows({ peakRssBytes: 3 * 2 ** 30 })).toEqual([['Peak during the run', '3072.0 MiB']]);
  });

  test('the note says how the peak was taken when the record says so', () => {
    const block = memorySection({ peakRssBytes: 1, peakRssMethod: 'sampled at 10 Hz' })?.blocks[0];
    expect(block?.kind === 'table' && block.note).toContain('Peak sampled at 10 Hz.');
  });

  test('no figure it knows, no section', () => {
    expect(memorySection({ heapBytes: 5 })).toBeNull();
    expect(memorySection('lots')).toBeNull();
  });
});
