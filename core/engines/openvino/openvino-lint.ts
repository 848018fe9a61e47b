import type { BenchWarning } from '../../api/warnings.js';
import type { BenchmarkFacts } from './benchmark-facts.js';
import type { OpenvinoLayer, ProfileFinding } from './openvino-profile.js';
import type { ParsedCounters } from './perf-counters.js';

/**
 * What benchmark_app's files show went wrong or differs from what was asked: counters that are
 * all zero (PERF_COUNT was off), layers that ran in a slower precision than the model's or in a
 * reference (unoptimised) implementation, and a device asked for that the compiled model did not
 * run on.
 */
const LOW_PRECISION = new Set(['I8', 'U8', 'I4', 'U4']);
const HALF = new Set(['FP16', 'BF16']);
// Layers whose precision decides their cost; a Reorder or a Parameter in FP32 is normal.
const COMPUTE = /^(Convolution|GroupConvolution|FullyConnected|MatMul|Deconvolution|ConvolutionBackpropData|Gemm|Eltwise|Subgraph|MVN|Pooling|MaxPool|AvgPool)$/;

const HEAVY = /^(Convolution|GroupConvolution|FullyConnected|MatMul|Deconvolution|ConvolutionBackpropData|Gemm)$/;

const short = (names: readonly string[]) => names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');

export function precisionFindings(layers: readonly OpenvinoLayer[]): ProfileFinding[] {
  const findings: ProfileFinding[] = [];
  // What the model runs in is what its heavy layers run in: an input Subgraph on u8 data is not a quantized model.
  const heavy = layers.filter((l) => HEAVY.test(l.layerType)).map((l) => l.precision).filter((p): p is string => p !== null);
  const quantized = heavy.some((p) => LOW_PRECISION.has(p));
  const half = heavy.some((p) => HALF.has(p));
  if (quantized || half) {
    const target = quantized ? 'INT8' : 'half precision';
    const slower = layers.filter((l) => COMPUTE.test(l.layerType) && (l.precision === 'FP32' || (quantized && l.precision !== null && HALF.has(l.precision))));
    if (slower.length > 0) {
      const share = slower.reduce((s, l) => s + l.share, 0);
      findings.push({
        code: 'openvino-precision-fallback',
        message: `${slower.length} compute layer${slower.length === 1 ? '' : 's'} of a model that runs ${target} elsewhere ran in a wider precision (${short(slower.map((l) => `${l.name} ${l.execType}`))}): ${(share * 100).toFixed(1)} % of layer time.`,
        advice: quantized
          ? 'A quantized model runs a layer in FP32 when it has no FakeQuantize around it or the plugin has no INT8 kernel for its shape: check the quantization (NNCF ignored scopes, unsupported ops) for these layers.'
          : 'Check INFERENCE_PRECISION_HINT and whether these layers are kept in FP32 on purpose (precision-sensitive ops).',
        share,
        nodes: slower.map((l) => l.name),
      });
    }
  }
  const reference = layers.filter((l) => /^ref(_|$)/i.test(l.execType));
  if (reference.length > 0) {
    const share = reference.reduce((s, l) => s + l.share, 0);
    findings.push({
      code: 'openvino-reference-implementation',
      message: `${reference.length} layer${reference.length === 1 ? '' : 's'} ran in a reference implementation (${short(reference.map((l) => `${l.name} ${l.execType}`))}): ${(share * 100).toFixed(1)} % of layer time.`,
      advice: 'A ref_ kernel is the plugin\'s unoptimised fallback for a shape, layout or precision it has no optimised kernel for; change the op or its shape, or check that the device and OpenVINO version support it.',
      share,
      nodes: reference.map((l) => l.name),
    });
  }
  return findings;
}

/** GPU matches GPU.0; AUTO/MULTI/HETERO lists are split; NPU matches NPU.3720. */
function sameDevice(asked: string, used: string): boolean {
  const a = asked.toUpperCase();
  const u = used.toUpperCase();
  return a === u || u.startsWith(`${a}.`) || a.startsWith(`${u}.`);
}

export function deviceWarning(facts: BenchmarkFacts): BenchWarning | null {
  const asked = facts.requestedDevice;
  if (!asked || facts.executionDevices.length === 0) return null;
  const virtual = /^(AUTO|MULTI|HETERO|BATCH)(:|$)/i.exec(asked);
  const wanted = virtual ? asked.slice(virtual[0].length).split(',').map((d) => d.trim()).filter((d) => d !== '') : [asked];
  if (virtual && wanted.length === 0) return null;
  const unused = wanted.filter((w) => !facts.executionDevices.some((u) => sameDevice(w, u)));
  const strays = facts.executionDevices.filter((u) => !wanted.some((w) => sameDevice(w, u)));
  if (virtual ? strays.length === 0 : unused.length === 0) return null;
  return {
    code: 'openvino-device-not-used',
    message: `benchmark_app was asked for ${asked} (-d), but the compiled model ran on ${facts.executionDevices.join(', ')} (EXECUTION_DEVICES).`,
    advice: 'The numbers are those of the device it ran on. Check that the device is present and its driver loaded (benchmark_app -h lists the devices it sees), or name the device explicitly instead of AUTO.',
  };
}

export function openvinoWarnings(facts: BenchmarkFacts, counters: ParsedCounters | null): BenchWarning[] {
  const out: BenchWarning[] = [];
  const device = deviceWarning(facts);
  if (device) out.push(device);
  if (counters?.allZero) {
    out.push({
      code: 'openvino-perf-counters-off',
      message: `Every per-layer counter is zero${facts.perfCount === false ? ' and the log says PERF_COUNT: NO' : ''}: profiling was off when the counters were read, so they say nothing about where the time went.`,
      advice: 'Run benchmark_app with -pc (or -report_type detailed_counters / average_counters), which turns PERF_COUNT on.',
    });
  } else if (counters && facts.perfCount === false) {
    out.push({
      code: 'imported-files-disagree',
      message: 'The log says PERF_COUNT was off, yet the counters file holds non-zero times: the files are not one run.',
      advice: 'Import the log together with the counters that same benchmark_app command wrote.',
    });
  }
  return out;
}
