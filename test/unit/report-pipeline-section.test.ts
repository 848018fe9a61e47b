import { describe, expect, test } from 'vitest';
import { summarizeLatency } from '../../core/stats/index.js';
import { pipelineSection } from '../../core/present/sections/pipeline-section.js';

describe('the pipeline section: each stage of an image run beside the per-frame total', () => {
  const pre = [2, 2, 2, 2];
  const infer = [5, 5, 5, 5];
  const post = [1, 1, 1, 1];
  const pipeline = {
    frames: 4, imagesPerFrame: 1, imageCount: 2, postprocess: 'top-k',
    preprocessMs: summarizeLatency(pre), inferenceMs: summarizeLatency(infer), postprocessMs: summarizeLatency(post),
    totalMs: summarizeLatency([8, 8, 8, 8]),
    preprocessSamplesMs: pre, inferenceSamplesMs: infer, postprocessSamplesMs: post,
  };

  test('preprocess, inference, postprocess and total rows with their share of the mean frame', () => {
    const section = pipelineSection(pipeline)!;
    const table = section.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.table.rows.map((r) => [r[0], r[1], r.at(-1)])).toEqual([
      ['Preprocess (decode, resize, normalise)', '2.00', '25.0 %'],
      ['Inference (session.run)', '5.00', '62.5 %'],
      ['Postprocess (top-k)', '1.00', '12.5 %'],
      ['Total per frame', '8.00', '100.0 %'],
    ]);
    expect(section.blocks[0]).toEqual({ kind: 'lines', items: [expect.stringContaining('4 frames of 1 image, rotating over 2 images')] });
  });
});
