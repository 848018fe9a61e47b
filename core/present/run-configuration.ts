import type { RunRecord } from '../api/run-record.js';

/**
 * What a run was asked to do and what it fed the model: session options, how inputs were made, the
 * concrete input shapes, the scenario and its limits. Reports, `edgelab bench`'s summary and the
 * app's Results screen all show these rows, so a run on shapes nobody chose is visible everywhere.
 * Imports only types: the renderer draws from this file too.
 */
export function runConfigurationRows(run: RunRecord): string[][] {
  const { session, inputs, scenario } = run.spec;
  // An imported run was configured by the other tool: its spec holds only defaults, which would read
  // as settings it ran with. Say what is known and where it came from instead.
  if (run.origin?.kind === 'imported') {
    return [
      ['Model path', run.spec.model],
      ['Engine', importedEngineText[run.origin.tool] ?? engineText(run.spec.engine)],
      ['Evidence', `imported from ${run.origin.tool} files (${run.origin.files.map((f) => f.name).join(', ') || 'none'}); edgelab did not run it, so its session options and inputs are the other tool's and were not recorded`],
      ['Machine', run.origin.statedHardware ?? 'not stated by the imported files'],
    ];
  }
  const stop = [
    scenario.iterations !== undefined ? `${scenario.iterations} iterations` : '',
    scenario.durationS !== undefined ? `${scenario.durationS} s` : '',
  ].filter(Boolean).join(' or ') || 'default';
  if (run.spec.engine?.kind === 'trtexec') {
    // trtexec has no ONNX Runtime session and makes its own input buffers: its settings, not ORT's defaults.
    const trtexec = (run.extras['trtexec'] ?? {}) as { executablePath?: string; arguments?: string[] };
    return [
      ['Model path', run.spec.model],
      ['Engine', engineText(run.spec.engine)],
      ...(trtexec.executablePath ? [['trtexec', `${trtexec.executablePath} ${(trtexec.arguments ?? []).join(' ')}`.trim()]] : []),
      ['Inputs', "trtexec's own buffers, the same every iteration"],
      ['Input shapes', pairs(inputs.kind === 'synthetic' ? inputs.shapes : {})],
      ['Scenario', `single stream as trtexec times it, warm-up ${scenario.warmup.durationMs ?? 200} ms, stop after ${stop}`],
      ['Targets', run.spec.targets.join(', ') || 'none'],
      ...(run.state === 'completed' ? [['Input tensors', inputTensorsText(run)]] : []),
    ];
  }
  return [
    ['Model path', run.spec.model],
    ['Engine', engineText(run.spec.engine)],
    ['Execution providers', session.executionProviders.join(', ')],
    ['intraOpNumThreads', threads(session.intraOpNumThreads)],
    ['interOpNumThreads', threads(session.interOpNumThreads)],
    ['graphOptimizationLevel', session.graphOptimizationLevel],
    ['executionMode', session.executionMode],
    ['enableCpuMemArena', String(session.enableCpuMemArena)],
    ['enableMemPattern', String(session.enableMemPattern)],
    ['freeDimensionOverrides', pairs(session.freeDimensionOverrides)],
    ...inputRows(inputs),
    ['Scenario', `${scenario.kind}, warm-up ${scenario.warmup.iterations} iterations${scenario.warmup.durationMs !== undefined ? ` / ${scenario.warmup.durationMs} ms` : ''}, stop after ${stop}`],
    ['Targets', run.spec.targets.join(', ') || 'none'],
    ...(run.state === 'completed' ? [['Input tensors', inputTensorsText(run)]] : []),
  ];
}

/** The tensors the timed loop fed, e.g. `x float32[1x3x224x224]`. */
export function inputTensorsText(run: Extract<RunRecord, { state: 'completed' }>): string {
  return run.inputs.tensors.map((t) => `${t.name} ${t.dtype}[${t.shape.join('x')}]`).join(', ');
}

/** One line of ONNX Runtime session options, for a terminal summary. */
export function sessionOptionsText(run: RunRecord): string {
  const s = run.spec.session;
  const overrides = Object.keys(s.freeDimensionOverrides).length > 0 ? `, freeDimensionOverrides ${pairs(s.freeDimensionOverrides)}` : '';
  return (
    `${s.executionProviders.join(', ')}, intraOp ${threads(s.intraOpNumThreads)}, interOp ${threads(s.interOpNumThreads)}, ` +
    `graph opt ${s.graphOptimizationLevel}, ${s.executionMode}, mem arena ${onOff(s.enableCpuMemArena)}, mem pattern ${onOff(s.enableMemPattern)}${overrides}`
  );
}

const onOff = (on: boolean) => (on ? 'on' : 'off');
const threads = (n: number) => (n === 0 ? '0 (ONNX Runtime default)' : String(n));
function pairs(record: Record<string, unknown>): string {
  return (
    Object.entries(record)
      .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('x') : String(v)}`)
      .join(', ') || 'none'
  );
}

function inputRows(inputs: RunRecord['spec']['inputs']): string[][] {
  switch (inputs.kind) {
    case 'synthetic':
      return [
        ['Inputs', `synthetic, seed ${inputs.seed}, pool of ${inputs.poolSize}`],
        ['Input dims', pairs(inputs.dims)],
        ['Input shapes', pairs(inputs.shapes)],
      ];
    case 'images': {
      const size = inputs.size ? `, ${inputs.size[0]}x${inputs.size[1]}` : '';
      const pad = inputs.resize === 'letterbox' ? ` (pad ${inputs.padValue})` : '';
      return [
        ['Inputs', `images: ${inputs.paths.join(', ')}`],
        ['Preprocessing', `${inputs.resize}${pad}${size}, ${inputs.channelOrder}, ${inputs.layout}, ${inputs.dtype}`],
        ['Normalisation', `scale ${inputs.scale}, mean [${inputs.mean.join(', ')}], std [${inputs.std.join(', ')}]`],
      ];
    }
    case 'test-data':
      return [['Inputs', `ONNX test data: ${inputs.dir}`]];
  }
}

/** Imports whose tool is not an engine edgelab runs: said as what it was, not as the spec's default. */
const importedEngineText: Record<string, string> = {
  openvino: 'OpenVINO benchmark_app, on another machine',
  deepstream: 'a DeepStream pipeline (nvinfer on TensorRT), run by deepstream-app',
  tegrastats: 'none: a telemetry log, recorded during the linked run',
};

/** Which engine ran the model, with the options that change what trtexec measures. */
function engineText(engine: RunRecord['spec']['engine']): string {
  if (engine === undefined || engine.kind === 'ort') return 'ONNX Runtime, in process';
  const options = [
    `precision ${engine.precision ?? 'not stated'}`,
    engine.dlaCore !== undefined ? `DLA core ${engine.dlaCore}` : 'GPU',
    engine.spinWait ? 'spin-wait' : '',
    engine.cudaGraph ? 'CUDA graph' : '',
    engine.noDataTransfers ? 'no host↔device copies' : '',
    engine.timeoutS !== undefined ? `stopped after ${engine.timeoutS} s` : '',
  ].filter(Boolean);
  return `TensorRT trtexec (${options.join(', ')})`;
}
