import { describe, expect, it } from 'vitest';
import { formatModelInfo } from '../../core/present/format-model-info.js';
import { inspectModel } from '../../core/model/inspect.js';
import { modelPath } from '../helpers/models.js';

// The `edgelab inspect` summary: shapes as `[batch, 3, 224, 224]`, how to set symbolic dims,
// the most frequent ops first with the rest folded into one line, sizes a person can read.

describe('formatModelInfo', () => {
  it('summarizes mobilenet-style for a terminal', async () => {
    const info = await inspectModel(await modelPath('mobilenet-style'));
    const text = formatModelInfo(info, { topOps: 3 });
    const lines = text.split('\n');

    expect(lines[0]).toMatch(/^mobilenet-style\.onnx {2}5\.1 MiB {2}sha256 [0-9a-f]{16}$/);
    expect(text).toContain('IR 8, opsets ai.onnx 17');
    expect(lines).toContain('  input  float32  [batch, 3, 224, 224]');
    expect(lines).toContain('  probabilities  float32  [batch, 1000]');
    expect(text).toContain('--dim batch=N');
    expect(text).toContain('Operators  71 nodes, 8 op types');
    expect(lines).toContain('  Conv                27');
    expect(lines.some((l) => /^  \(5 more\) +17$/.test(l))).toBe(true); // Clip 13 + four singles
    expect(text).toMatch(/Parameters {2}1\.\d\d M \(5\.1 MiB\)/);
    expect(text).not.toContain('External data');
  });
});
