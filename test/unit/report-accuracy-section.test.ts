import { describe, expect, test } from 'vitest';
import { accuracySection } from '../../core/present/sections/accuracy-section.js';

describe('the accuracy section: top-1/top-5, then where the model goes wrong', () => {
  test('headline figures, the worst classes first, and the misclassified images', () => {
    const section = accuracySection({
      imagesDir: 'val', labelsFile: 'labels.txt', imageCount: 40, classCount: 2, top1: 0.875, top5: 1,
      perClass: [{ label: 'cat', images: 20, top1: 0.95 }, { label: 'dog', images: 20, top1: 0.8 }],
      misclassified: [{ file: 'val/dog/3.jpg', expected: 'dog', predicted: 'cat', score: 0.61 }],
    })!;
    expect(section.blocks[0]).toEqual({ kind: 'text', text: 'Top-1 87.5 %, top-5 100.0 % on 40 images of 2 classes (val, labels labels.txt).' });
    const tables = section.blocks.flatMap((b) => (b.kind === 'table' ? [b] : []));
    expect(tables[0]?.caption).toBe('Lowest top-1 by class');
    expect(tables[0]?.table.rows).toEqual([['dog', '20', '80.0 %'], ['cat', '20', '95.0 %']]);
    expect(tables[1]?.table.rows).toEqual([['val/dog/3.jpg', 'dog', 'cat', '0.610']]);
  });
});
