import { describe, expect, test } from 'vitest';
import { RunSpecSchema } from '../../core/api/run-spec.js';
import { settingsTable } from '../../core/present/run-tables.js';
import { baselineRun } from '../golden/synthetic-runs.js';

const settingsOf = (inputs: unknown) => {
  const spec = RunSpecSchema.parse({ model: '/m.onnx', inputs });
  return Object.fromEntries(settingsTable({ ...baselineRun, spec }).rows.map(([k, v]) => [k, v]));
};

describe('the settings table says how the inputs were made, for every input kind', () => {
  test('synthetic: seed, pool size, dims and shapes', () => {
    const rows = settingsOf({ kind: 'synthetic', seed: 3, poolSize: 2, dims: { batch: 1 }, shapes: { x: [1, 3, 8, 8] } });
    expect(rows['Inputs']).toBe('synthetic, seed 3, pool of 2');
    expect(rows['Input dims']).toBe('batch=1');
    expect(rows['Input shapes']).toBe('x=1x3x8x8');
  });

  test('images: files, resize, layout and normalisation', () => {
    const rows = settingsOf({ kind: 'images', paths: ['imgs/'], resize: 'letterbox', mean: [0.485, 0.456, 0.406] });
    expect(rows['Inputs']).toBe('images: imgs/');
    expect(rows['Preprocessing']).toBe('letterbox (pad 114), rgb, nchw, float32');
    expect(rows['Normalisation']).toContain('mean [0.485, 0.456, 0.406], std [1, 1, 1]');
  });

  test('ONNX test data: the folder', () => {
    expect(settingsOf({ kind: 'test-data', dir: 'model/test_data_set_0' })['Inputs']).toBe('ONNX test data: model/test_data_set_0');
  });
});
