import { describe, expect, it } from 'vitest';
import { RunSpecSchema } from '../../core/api/run-spec.js';
import { initialRunForm, NORMALIZE_PRESETS, parseTargetList, runSpecFromForm, type RunForm } from '../../renderer/src/run-form.js';

const form = (changes: Partial<RunForm>): RunForm => ({ ...initialRunForm(null), ...changes });

describe('the Run screen form', () => {
  it('builds a single-stream RunSpec the schema accepts, with dims, limits, targets, profile and telemetry as typed', () => {
    const spec = RunSpecSchema.parse(runSpecFromForm('/models/m.onnx', form({ dims: { batch: '2' }, iterations: '50', durationS: '3', targets: 'p99<=33ms, realtime-30', profile: true, label: ' smoke ' })));
    expect(spec.inputs).toMatchObject({ kind: 'synthetic', dims: { batch: 2 }, seed: 1, poolSize: 4 });
    expect(spec.scenario).toEqual({ kind: 'single-stream', iterations: 50, durationS: 3, warmup: { iterations: 10 } });
    expect(spec.targets).toEqual(['p99<=33ms', 'realtime-30']);
    expect(spec.session.executionProviders).toEqual(['cpu']);
    expect(spec).toMatchObject({ profile: true, label: 'smoke', telemetry: true });
  });

  it('starts every symbolic dim empty and sends none that is still empty, so the server names what is missing', () => {
    const model = { symbolicDims: ['height', 'width'] } as unknown as Parameters<typeof initialRunForm>[0];
    const initial = initialRunForm(model);
    expect(initial.dims).toEqual({ height: '', width: '' });
    const spec = RunSpecSchema.parse(runSpecFromForm('/m.onnx', { ...initial, dims: { height: '64', width: ' ' } }));
    expect(spec.inputs).toMatchObject({ kind: 'synthetic', dims: { height: 64 } });
  });

  it('turns telemetry off and repeats trials when asked', () => {
    const spec = RunSpecSchema.parse(runSpecFromForm('/m.onnx', form({ telemetry: false, trials: '3' })));
    expect(spec.telemetry).toBe(false);
    expect(spec.scenario.trials).toBe(3);
  });

  it('builds a throughput scenario with its concurrency and sessions', () => {
    const spec = RunSpecSchema.parse(runSpecFromForm('/m.onnx', form({ scenario: 'throughput', concurrency: '4', sessions: '2', qps: '99' })));
    expect(spec.scenario).toEqual({ kind: 'throughput', concurrency: 4, sessions: 2, iterations: 100, warmup: { iterations: 10 } });
  });

  it('builds a server scenario at a fixed rate with its schedule seed, and sends no search', () => {
    const spec = RunSpecSchema.parse(runSpecFromForm('/m.onnx', form({ scenario: 'server', qps: '25', scheduleSeed: '7', sessions: '2', concurrency: '9' })));
    expect(spec.scenario).toEqual({ kind: 'server', qps: 25, seed: 7, sessions: 2, iterations: 100, warmup: { iterations: 10 } });
    expect(spec.targets).toEqual([]);
  });

  it('builds a max-QPS search with its bound, and judges the final run on that bound too', () => {
    const spec = RunSpecSchema.parse(
      runSpecFromForm('/m.onnx', form({ scenario: 'server', serverRate: 'find-max', bound: ' p99<=15ms ', trialDurationS: '0.5', maxTrials: '6', targets: 'p50<=5ms' })),
    );
    expect(spec.scenario).toMatchObject({ kind: 'server', findMaxQps: { bound: 'p99<=15ms', trialDurationS: 0.5, maxTrials: 6, tolerance: 0.05 } });
    expect(spec.scenario).not.toHaveProperty('qps');
    expect(spec.targets).toEqual(['p50<=5ms', 'p99<=15ms']);
  });

  it('builds synthetic inputs with a seed and an input pool size', () => {
    const spec = RunSpecSchema.parse(runSpecFromForm('/m.onnx', form({ seed: '42', poolSize: '8' })));
    expect(spec.inputs).toEqual({ kind: 'synthetic', seed: 42, poolSize: 8, dims: {}, shapes: {} });
  });

  it('builds image inputs with the path, resize mode, layout, channel order and the preset\'s normalisation', () => {
    const spec = RunSpecSchema.parse(
      runSpecFromForm('/m.onnx', form({ inputsKind: 'images', imagePath: ' /data/frames ', resize: 'letterbox', normalize: 'imagenet', layout: 'nhwc', channelOrder: 'bgr', dims: { batch: '1' } })),
    );
    expect(spec.inputs).toMatchObject({ kind: 'images', paths: ['/data/frames'], resize: 'letterbox', layout: 'nhwc', channelOrder: 'bgr', mean: NORMALIZE_PRESETS.imagenet.mean, std: NORMALIZE_PRESETS.imagenet.std });
    expect(spec.inputs).not.toHaveProperty('dims');
  });

  it('sends every session option, whole input shapes, custom normalisation, image size, dtype and pad value, and test-data sets', () => {
    const spec = RunSpecSchema.parse(runSpecFromForm('/m.onnx', form({ interOpNumThreads: '2', graphOptimizationLevel: 'basic', executionMode: 'parallel', enableCpuMemArena: false, enableMemPattern: false, shapes: { x: '1x3x640x640', y: ' ' } })));
    expect(spec.session).toMatchObject({ interOpNumThreads: 2, graphOptimizationLevel: 'basic', executionMode: 'parallel', enableCpuMemArena: false, enableMemPattern: false });
    expect(spec.inputs).toMatchObject({ kind: 'synthetic', shapes: { x: [1, 3, 640, 640] } });
    const images = RunSpecSchema.parse(runSpecFromForm('/m.onnx', form({ inputsKind: 'images', imagePath: '/d', resize: 'letterbox', padValue: '0', imageSize: '640x480', imageDtype: 'uint8', normalize: 'custom', scale: '0.5', mean: '1, 2, 3', std: '4 5 6' })));
    expect(images.inputs).toMatchObject({ kind: 'images', padValue: 0, size: [640, 480], dtype: 'uint8', scale: 0.5, mean: [1, 2, 3], std: [4, 5, 6] });
    expect(RunSpecSchema.parse(runSpecFromForm('/m.onnx', form({ inputsKind: 'test-data', testDataDir: ' /t/test_data_set_0 ' }))).inputs).toEqual({ kind: 'test-data', dir: '/t/test_data_set_0' });
    const typo = RunSpecSchema.safeParse(runSpecFromForm('/m.onnx', form({ shapes: { x: '1x3xabc' } })));
    expect(typo.error?.issues[0]?.path).toEqual(['inputs', 'shapes', 'x', 2]);
  });

  it('leaves an empty image path for the schema to name', () => {
    const parsed = RunSpecSchema.safeParse(runSpecFromForm('/m.onnx', form({ inputsKind: 'images', imagePath: '  ' })));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['inputs', 'paths']);
  });

  it('leaves empty limits out and passes a mistyped number on for the schema to name', () => {
    const spec = runSpecFromForm('/m.onnx', form({ iterations: '', durationS: '', warmupIterations: 'ten' }));
    expect(spec.scenario).not.toHaveProperty('iterations');
    const parsed = RunSpecSchema.safeParse(spec);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['scenario', 'warmup', 'iterations']);
  });

  it('reads targets one per line or separated by commas', () => {
    expect(parseTargetList('p50<=5ms\n p99<=10ms ,, ')).toEqual(['p50<=5ms', 'p99<=10ms']);
  });
});
