import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileNameOf } from '../../core/present/file-name.js';

describe('a file name as core/present takes it from a path (the app has no node:path)', () => {
  it('is what POSIX basename gives, so run titles and test-data set names read as they always did', () => {
    const paths = ['/models/resnet50.onnx', 'resnet50.onnx', 'models/yolo/', 'a//b//', '/', '', 'set_0', './test_data_set_0',
      // A record imported from Windows keeps its whole name on every machine, as the CLI printed it on Linux.
      'C:\\Users\\lab\\models\\resnet-50-pytorch.xml', '/mnt/c/Users/lab/m.onnx'];
    for (const p of paths) expect(fileNameOf(p), p).toBe(path.posix.basename(p));
  });
});
