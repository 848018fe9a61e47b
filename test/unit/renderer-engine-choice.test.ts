import { expect, it } from 'vitest';
import { RunSpecSchema } from '../../core/api/run-spec.js';
import { defaultEngineChoice, withEngine } from '../../renderer/src/run-fields/engine-choice.js';

it('the Run screen writes the same engine field as `bench --engine trtexec --precision fp16 --dla 0 --trtexec PATH`', () => {
  const base = { model: '/m.onnx', session: { executionProviders: ['webgpu' as const] } };
  expect(withEngine(base, defaultEngineChoice)).toBe(base);
  const spec = RunSpecSchema.parse(withEngine(base, { ...defaultEngineChoice, kind: 'trtexec', precision: 'fp16', dlaCore: '0', trtexecPath: ' /opt/trt/bin/trtexec ', cudaGraph: true }));
  expect(spec.engine).toEqual({ kind: 'trtexec', precision: 'fp16', dlaCore: 0, trtexecPath: '/opt/trt/bin/trtexec', cudaGraph: true });
  expect(spec.session.executionProviders).toEqual(['cpu']);
  expect(RunSpecSchema.parse(withEngine(base, { ...defaultEngineChoice, kind: 'trtexec' })).engine).toEqual({ kind: 'trtexec', precision: 'fp32' });
});
