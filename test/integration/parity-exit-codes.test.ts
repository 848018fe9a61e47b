import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeGemmVariants } from '../helpers/gemm-variants.js';
import type { CommandContext } from '../../core/cli/context.js';
import { parityCommand } from '../../core/cli/commands/parity.js';

function context() {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (d: Buffer) => (text += d.toString()));
  const ctx = { stdout, stderr: new PassThrough() as unknown as NodeJS.WriteStream, signal: new AbortController().signal, env: {} } satisfies CommandContext;
  return { ctx, out: () => text };
}

describe('edgelab parity exits by verdict', () => {
  it('an fp16 variant fails the default tolerance (1) and passes a looser one (0)', async () => {
    const [fp32, fp16] = await writeGemmVariants(await mkdtemp(path.join(os.tmpdir(), 'edgelab-cli-parity-')));
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
