import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { PipelineStats } from '../../core/bench/pipeline-benchmark.js';
import { runPipelineBenchmark } from '../../core/bench/pipeline-benchmark.js';
import { modelPath } from '../helpers/models.js';

describe('a pipeline run times preprocess, inference and postprocess each on its own', () => {
  it('reports each stage and their per-frame sum; the record latency is end to end', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'edgelab-pipe-'));
    for (const [name, colour] of [['a.png', '#204080'], ['b.jpg', '#c08020']] as const) {
      await sharp({ create: { width: 48, height: 40, channels: 3, background: colour } }).toFile(path.join(dir, name));
    }
    // A clock that advances 1 ms per read: a stage with exactly its two reads around it lasts 1 ms.
    let now = 0;
    const clock = { now: () => now++ };
    const record = await runPipelineBenchmark(
      { model: await modelPath('tiny-classifier'), inputs: { kind: 'images', paths: [dir], resize: 'letterbox' }, scenario: { kind: 'single-stream', warmup: { iterations: 2 }, iterations: 5 } },
      { clock },
    );
    expect(record.state).toBe('completed');
    if (record.state !== 'completed') return;
    const p = record.extras.pipeline as PipelineStats;
    expect([p.frames, p.imageCount, p.imagesPerFrame, p.postprocess]).toEqual([5, 2, 1, 'top-k']);
    expect(p.preprocessSamplesMs).toEqual([1, 1, 1, 1, 1]);
    expect(p.inferenceSamplesMs).toEqual([1, 1, 1, 1, 1]);
    expect(p.postprocessSamplesMs).toEqual([1, 1, 1, 1, 1]);
    expect(p.totalMs.p50).toBe(3);
    expect(record.samplesMs).toEqual([3, 3, 3, 3, 3]);
    expect(record.warmup.iterations).toBe(2);
    expect(record.inputs.tensors).toEqual([{ name: 'input', dtype: 'float32', shape: [1, 3, 32, 32] }]);
    expect(record.spec.inputs).toMatchObject({ kind: 'images', resize: 'letterbox', padValue: 114, scale: 1 / 255 });
  });
});
