import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalog } from '../../models/catalog.js';
import { generateModel } from '../../models/generate.js';

// Test workers call modelPath() at the same moment; every caller must get a complete file and no
// temp files may be left behind.

let dir = '';
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('generateModel under concurrency', () => {
  it('many simultaneous writers leave one complete, correct file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'edgelab-models-race-'));
    const paths = await Promise.all(Array.from({ length: 8 }, () => generateModel('tiny-classifier', dir)));
    expect(new Set(paths).size).toBe(1);
    const written = await readFile(paths[0]!);
    expect(Buffer.compare(written, catalog['tiny-classifier'].build())).toBe(0);
    expect(await readdir(dir)).toEqual(['tiny-classifier.onnx']);
  });
});
