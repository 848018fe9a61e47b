import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../core/cli/context.js';
import { parityCommand } from '../../core/cli/commands/parity.js';
import { attr, ModelBuilder } from '../../models/onnx-builder.js';

function context() {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (d: Buffer) => (text += d.toString()));
  const ctx = { stdout, stderr: new PassThrough() as unknown as NodeJS.WriteStream, signal: new AbortController().signal, env: {} } satisfies CommandContext;
  return { ctx, out: () => text };
}

/** fp32 Gemm, and the same weights stored as fp16 with float16 input and output. */
async function variants(dir: string): Promise<[string, string]> {
  const w = Array.from({ length: 32 }, (_, i) => Math.sin(i) * 0.7);
  const files: string[] = [];
  for (const dtype of ['float32', 'float16'] as const) {
    const b = new ModelBuilder({ graphName: `gemm_${dtype}` });
    const x = b.input('x', dtype, [1, 8]);
    b.node('Gemm', [x, b.initializer('w', dtype, [4, 8], w)], 'y', { attributes: { transB: attr.int(1) } });
    b.output('y', dtype, [1, 4]);
    const file = path.join(dir, `gemm-${dtype}.onnx`);
    await writeFile(file, b.toBytes());
    files.push(file);
  }
  return files as [string, string];
}

describe('edgelab parity exits by verdict', () => {
  it('an fp16 variant fails the default tolerance (1) and passes a looser one (0)', async () => {
    const [fp32, fp16] = await variants(await mkdtemp(path.join(os.tmpdir(), 'edgelab-cli-parity-')));
    const strict = context();
    expect(await parityCommand([fp32, fp16], strict.ctx)).toBe(1);
    expect(strict.out()).toMatch(/FAIL: 'y' drifted beyond tolerance/);

    const loose = context();
    expect(await parityCommand([fp32, fp16, '--atol', '0.01', '--rtol', '0.01', '--json'], loose.ctx)).toBe(0);
    const record = JSON.parse(loose.out());
    expect(record.extras.parity.verdict).toBe('pass');
    expect(record.extras.parity.candidate.model).toBe(fp16);
    expect(record.extras.parity.outputs[0].maxAbsError).toBeGreaterThan(0);
    expect(record.extras.parity.outputs[0].cosineSimilarity).toBeGreaterThan(0.999);
  });
});
