import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLayerInfo } from '../../core/engines/trtexec/layer-info.js';

/**
 * A layer's precision as TensorRT's engine explorer reads it (TREx, trex/layer.py: the first
 * input's precision; trex/activations.py maps each "Format/Datatype" string to a precision), checked
 * on every detailed --exportLayerInfo file recorded on real GPUs (A100, RTX 3060 Laptop, H100;
 * origins in test/fixtures/trtexec-runs/README.md). TensorRT cannot run here.
 */
// TREx's _regionFormatDict and parse_tensor_info, for the formats these files hold.
const TREX_PRECISION: Record<string, string> = {
  'Channel major FP16 format where channel % 16 == 0': 'FP16',
  'Channel major FP16 format where channel % 4 == 0': 'FP16',
  'Channel major FP16 format where channel % 8 == 0': 'FP16',
  'Row major linear FP16 format': 'FP16',
  'Row major linear FP32': 'FP32',
  Float: 'FP32',
  Half: 'FP16',
  Int32: 'INT32',
  Int64: 'INT64',
};
const files = [
  'nvidia-trex_a100-80gb-pcie_resnet50-pytorch_fp16_bs32.graph.json',
  'fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.layerinfo.json',
  'hackathon-cookbook_h100pcie_trt10.16.1_exportLayerInfo_detailed.json',
];
const read = (name: string) => readFileSync(new URL(`../fixtures/trtexec-runs/layerInfo/${name}`, import.meta.url), 'utf8');

describe('layer precision from the first input, as TREx reads it', () => {
  for (const name of files) {
    it(name, () => {
      const raw = (JSON.parse(read(name)) as { Layers: { Inputs?: { 'Format/Datatype': string }[] }[] }).Layers;
      const parsed = parseLayerInfo(read(name), name).layers;
      expect(parsed.map((l) => l.precision)).toEqual(raw.map((l) => {
        const first = l.Inputs?.[0]?.['Format/Datatype'];
        return first === undefined ? null : TREX_PRECISION[first] ?? `unmapped: ${first}`;
      }));
    });
  }

  it('a layer that reads FP16 and writes FP32 is an FP16 layer (the A100 engine\'s last reformat)', () => {
    const layers = parseLayerInfo(read(files[0]!), 'a100').layers;
    const writesFp32 = layers.filter((l) => l.outputs.some((o) => o.startsWith('FP32')) && l.inputs[0]?.startsWith('FP16'));
    expect(writesFp32.length).toBeGreaterThan(0);
    expect(writesFp32.map((l) => l.precision)).toEqual(writesFp32.map(() => 'FP16'));
  });
});
