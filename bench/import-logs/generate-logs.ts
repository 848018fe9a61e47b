import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Large logs for the import bench and the bounded-memory test, built from one block of lines
 * written again and again until the file reaches the size asked for. The line formats are the
 * tools' own: DeepStream's as deepstream-app and gstnvdsmeta_latency_measurement.c print them
 * (a `Source id = … Frame latency = … (ms)` line exists only in that printing code; no recorded
 * one was found), tegrastats' a real recorded Orin Nano line, OpenVINO's the recorded C++ counters
 * CSV's and `-pc` table's layers and columns. What was written is counted, so a
 * test can hold the importer's figures to it.
 */
export interface GeneratedLog {
  bytes: number;
  lines: number;
  /** Units the importer should count: frames for DeepStream, samples for tegrastats. */
  units: number;
}

function writeRepeated(path: string, targetBytes: number, head: string, block: (i: number) => string, unitsPerBlock: number, tail = ''): GeneratedLog {
  const fd = openSync(path, 'w');
  try {
    let bytes = 0;
    let lines = head.split('\n').length - 1;
    let units = 0;
    bytes += writeSync(fd, head);
    // Blocks are joined into ~1 MB writes: fast to make, and each block is still distinct (its number).
    let pending: string[] = [];
    let pendingBytes = 0;
    for (let i = 0; bytes + pendingBytes < targetBytes; i++) {
      const text = block(i);
      pending.push(text);
      pendingBytes += Buffer.byteLength(text);
      for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1;
      units += unitsPerBlock;
      if (pendingBytes >= 1 << 20) {
        bytes += writeSync(fd, pending.join(''));
        pending = [];
        pendingBytes = 0;
      }
    }
    if (pending.length > 0) bytes += writeSync(fd, pending.join(''));
    bytes += writeSync(fd, tail);
    lines += tail.split('\n').length - 1;
    return { bytes, lines, units };
  } finally {
    closeSync(fd);
  }
}

const PAD = ' '.repeat(15);

/** deepstream-app with latency measurement on: 2 sources, six components per frame, a PERF report every 30 batches. */
export function generateDeepstreamLog(path: string, targetBytes: number): GeneratedLog {
  const head = '**PERF:  FPS 0 (Avg)\tFPS 1 (Avg)\t\n';
  return writeRepeated(path, targetBytes, head, (b) => {
    const t = 1_700_000_000_000 + b * 33.3;
    const comp = (name: string, at: number, ms: number) => `Comp name = ${name} in_system_timestamp = ${(t + at).toFixed(6)} out_system_timestamp = ${(t + at + ms).toFixed(6)}${PAD}component latency= ${ms.toFixed(6)}\n`;
    const frames = [0, 1].map((s) => comp('nvv4l2decoder0', 0, 3.1) + `Comp name = nvstreammux-stream-muxer source_id = ${s} pad_index = ${s} frame_num = ${b}${PAD}in_system_timestamp = ${(t + 3.2).toFixed(6)} out_system_timestamp = ${(t + 5).toFixed(6)}${PAD}component_latency = 1.800000\n`
      + comp('primary_gie', 5.1, 8 + (b % 7) / 10) + comp('tracking_tracker', 14, 2.5) + comp('nvosd0', 17, 1.2) + comp('sink_sub_bin_sink1', 18.5, 0.4)).join('');
    const latencies = [0, 1].map((s) => `Source id = ${s} Frame_num = ${b} Frame latency = ${(19 + (b % 13) / 10).toFixed(6)} (ms) \n`).join('');
    const perf = b % 30 === 29 ? `**PERF:  ${(30 + (b % 3) / 10).toFixed(2)} (30.01)\t${(29.9).toFixed(2)} (29.99)\t\n` : '';
    return `\n************BATCH-NUM = ${b}**************\n${frames}${latencies}${perf}`;
  }, 2);
}

const ORIN_NANO_LINE = 'RAM 3150/7620MB (lfb 37x4MB) SWAP 0/3810MB (cached 0MB) CPU [0%@883,0%@883,0%@883,0%@883,off,off] GR3D_FREQ 0% cpu@64.25C soc2@61.968C soc0@62.437C gpu@62C tj@64.25C soc1@62C VDD_IN 4233mW/4233mW VDD_CPU_GPU_CV 478mW/478mW VDD_SOC 1317mW/1317mW';

/** tegrastats every 100 ms for a long run (timestamps left out: the interval is given). */
export function generateTegrastatsLog(path: string, targetBytes: number): GeneratedLog {
  return writeRepeated(path, targetBytes, '', (i) => `${ORIN_NANO_LINE.replace('VDD_IN 4233mW', `VDD_IN ${4000 + (i % 500)}mW`)}\n`, 1);
}

/** A verbose trtexec log: the build and inference lines of a real run's shape, repeated. */
export function generateTrtexecLog(path: string, targetBytes: number): GeneratedLog {
  const head = '&&&& RUNNING TensorRT.trtexec [TensorRT v100100] # trtexec --onnx=model.onnx --verbose\n[12/06/2026-10:00:00] [I] TensorRT version: 10.1.0\n';
  return writeRepeated(path, targetBytes, head, (i) => `[12/06/2026-10:00:00] [V] [TRT] Tactic: 0x${(i % 65536).toString(16).padStart(16, '0')} Time: ${(0.1 + (i % 100) / 1000).toFixed(4)}\n`, 1);
}

/** An ONNX Runtime profile (Chrome trace JSON) with the event shapes of the recorded CUDA MNIST trace, one inference after another. */
export function generateOrtTrace(path: string, targetBytes: number): GeneratedLog {
  const head = '[\n{"cat" : "Session","pid" :34368,"tid" :39520,"dur" :15496,"ts" :869,"ph" : "X","name" :"session_initialization","args" : {}}';
  return writeRepeated(path, targetBytes, head, (i) => {
    const ts = 20_000 + i * 200;
    const node = (name: string, op: string, at: number, dur: number) => `,\n{"cat" : "Node","pid" :34368,"tid" :39520,"dur" :${dur},"ts" :${ts + at},"ph" : "X","name" :"${name}_kernel_time","args" : {"parameter_size" : "0","provider" : "CUDAExecutionProvider","op_name" : "${op}","input_type_shape" : [{"float":[1,8,28,28]}],"node_index" : "3","activation_size" : "25088","output_type_shape" : [{"float":[1,8,28,28]}],"output_size" : "25088"}}`;
    return `${node('Convolution28', 'Conv', 1, 60 + (i % 9))}${node('ReLU32', 'Relu', 70, 7)}${node('Pooling66', 'MaxPool', 80, 9)},\n{"cat" : "Session","pid" :34368,"tid" :39520,"dur" :${100 + (i % 9)},"ts" :${ts},"ph" : "X","name" :"model_run","args" : {}}`;
  }, 1, '\n]\n');
}

/** trtexec --exportTimes: one record per iteration, in the field order and spacing of the recorded files. */
export function generateTrtexecTimes(path: string, targetBytes: number): GeneratedLog {
  return writeRepeated(path, targetBytes, '[\n', (i) => {
    const t = 16 + i * 2.5;
    const compute = 1 + ((i * 7919) % 1000) / 1000;
    const f = (x: number) => Number(x.toFixed(4));
    return `${i === 0 ? '' : ', '}{ "startEnqMs" : ${f(t)}, "endEnqMs" : ${f(t + 0.01)}, "startH2dMs" : ${f(t)}, "endH2dMs" : ${f(t + 0.05)}, "startComputeMs" : ${f(t + 0.05)}, "endComputeMs" : ${f(t + 0.05 + compute)}, "startD2hMs" : ${f(t + 0.05 + compute)}, "endD2hMs" : ${f(t + 0.07 + compute)}, "h2dMs" : 0.05, "computeMs" : ${compute}, "d2hMs" : 0.02, "latencyMs" : ${f(0.07 + compute)} }\n`;
  }, 1, ']\n');
}

/** ResNet-50 layers as the recorded C++ counters name them (test/fixtures/openvino/ovrepo_…): name, status, type, exec type, ms. */
const OV_LAYERS: ReadonlyArray<readonly [string, string, string, string, number]> = [
  ['data', 'NOT_RUN', 'Parameter', 'unknown_I8', 0],
  ['Divide_894', 'EXECUTED', 'Subgraph', 'jit_avx2_I8', 0.08],
  ['/conv1/Conv/WithoutBiases', 'EXECUTED', 'Convolution', 'brgconv_avx2_f32', 3.259],
  ['/relu/Relu', 'NOT_RUN', 'Relu', 'undef', 0],
  ['/maxpool/MaxPool', 'EXECUTED', 'MaxPool', 'jit_avx2_f32', 0.388],
  ['/layer1/layer1.0/conv1/Conv/WithoutBiases', 'EXECUTED', 'Convolution', 'brgconv_avx2_1x1_f32', 0.494],
  ['/layer1/layer1.0/conv2/Conv/WithoutBiases', 'EXECUTED', 'Convolution', 'brgconv_avx2_f32', 3.156],
  ['prob/sink_port_0', 'NOT_RUN', 'Result', 'unknown_f32', 0],
];

/** One request's time for a layer: its recorded time, varied by request so every block differs. */
const ovMs = (base: number, request: number, layer: number) => (base === 0 ? 0 : base + ((request * 7 + layer * 3) % 50) / 1000);

/** benchmark_app -report_type detailed_counters (C++ CsvDumper): a `;`-ended block per infer request, each closed by its Total row. */
export function generateOpenvinoCounters(path: string, targetBytes: number): GeneratedLog {
  return writeRepeated(path, targetBytes, '', (r) => {
    const ms = OV_LAYERS.map(([, , , , base], i) => ovMs(base, r, i).toFixed(3));
    const total = ms.reduce((s, t) => s + Number(t), 0).toFixed(3);
    return `layerName;execStatus;layerType;execType;realTime (ms);cpuTime (ms);\n${OV_LAYERS.map(([name, status, type, exec], i) => `${name};${status};${type};${exec};${ms[i]};${ms[i]};\n`).join('')}Total;;;;${total};${total};\n\n`;
  }, 1);
}

/** A C++ benchmark_app log of `-pc` tables, one per infer request, in the recorded NPU log's columns. */
export function generateOpenvinoPcLog(path: string, targetBytes: number): GeneratedLog {
  const col = (s: string, w: number) => s.padEnd(w);
  return writeRepeated(path, targetBytes, '', (r) => {
    const ms = OV_LAYERS.map(([, , , , base], i) => ovMs(base, r, i).toFixed(3));
    const rows = OV_LAYERS.map(([name, status, type, exec], i) => `${col(name, 20)} ${col(status, 20)} layerType: ${col(type, 20)} execType: ${col(exec, 20)} realTime (ms): ${col(ms[i]!, 10)} cpuTime (ms): ${col(ms[i]!, 10)}\n`).join('');
    const total = ms.reduce((s, t) => s + Number(t), 0).toFixed(3);
    return `[ INFO ] Performance counts for ${r}-th infer request:\n${rows}Total time:              ${total} milliseconds\nTotal CPU time:          ${total} milliseconds\n\n`;
  }, 1);
}
