import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CompletedRun } from '../../core/api/run-record.js';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

/**
 * The TensorRT path works where ONNX Runtime cannot load: `import trtexec` and `bench --engine
 * trtexec` run with onnxruntime-node made unloadable in the edgelab process (a loader hook that
 * throws for it, test/helpers/onnxruntime-unloadable.mjs). TensorRT cannot run here, so trtexec is
 * the stand-in that replays recorded runs (test/fixtures/trtexec-runs/trtexec-stand-in.mjs).
 */
const fixtures = fileURLToPath(new URL('../fixtures/trtexec-runs/', import.meta.url));
const standIn = path.join(fixtures, 'trtexec-stand-in.mjs');
const hook = fileURLToPath(new URL('../helpers/onnxruntime-unloadable.mjs', import.meta.url));
const withoutOrt = { NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --import ${hook}`.trim() };
const workspace = mkdtempSync(path.join(tmpdir(), 'edgelab-no-ort-'));

describe('with onnxruntime-node unloadable', () => {
  it('the hook does make it unloadable: an ONNX Runtime run fails to start', async () => {
    const result = await runCli(['bench', await modelPath('tiny-classifier'), '--iterations', '5', '--no-save'], { env: withoutOrt });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('onnxruntime-node cannot be loaded in this process');
  });

  it('import trtexec records the run', async () => {
    const result = await runCli(['import', 'trtexec', '--times', path.join(fixtures, 'exportTimes/fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.times.first200.json'), '--json', '--workspace', workspace], { env: withoutOrt });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as CompletedRun).iterations).toBe(200);
  });

  it('bench --engine trtexec measures through trtexec and prints it in trtexec\'s terms', async () => {
    const result = await runCli(['bench', await modelPath('tiny-classifier'), '--engine', 'trtexec', '--trtexec', standIn, '--json', '--workspace', workspace], { env: withoutOrt });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code).toBe(0);
    const id = (JSON.parse(result.stdout) as CompletedRun).id;
    const shown = (await runCli(['runs', 'show', id, '--workspace', workspace], { env: withoutOrt })).stdout;
    // The replayed DRIVE Orin log: a 12.3251 s build, a 5.08637 ms load, --best, CUDA graph and spin-wait on.
    expect(shown).toContain('cold start  engine build 12.3 s + engine load 5.09 ms (trtexec does not time the first inference apart)');
    expect(shown).toContain('engine      TensorRT 8.5.10 trtexec, precision FP32+FP16+INT8, GPU, CUDA graph on, spin-wait on, GPU compute only (no host↔device copies)');
    expect(shown).toContain('device    Orin, 24 GiB, adapter compute capability 8.7 (tensorrt (trtexec), as stated)');
    for (const ortLine of ['session ', 'distinct sets', 'first inference\n', 'Execution providers']) expect(shown).not.toContain(ortLine);
    const report = (await runCli(['report', id, '--format', 'md', '--workspace', workspace], { env: withoutOrt })).stdout;
    expect(report).toContain('| Software | TensorRT 8.5.10 trtexec');
    expect(report).not.toContain('| Execution providers | cpu');
  });
});
