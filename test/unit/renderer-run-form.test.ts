import { describe, expect, it } from 'vitest';
import { RunSpecSchema } from '../../core/api/run-spec.js';
import { initialRunForm, parseTargetList, runSpecFromForm } from '../../renderer/src/run-form.js';

describe('the Run screen form', () => {
  it('builds a RunSpec the schema accepts, with dims, limits, targets and profile as typed', () => {
    const form = { ...initialRunForm(null), dims: { batch: '2' }, iterations: '50', durationS: '3', targets: 'p99<=33ms, realtime-30', profile: true, label: ' smoke ' };
    const spec = RunSpecSchema.parse(runSpecFromForm('/models/m.onnx', form));
    expect(spec.inputs).toMatchObject({ kind: 'synthetic', dims: { batch: 2 } });
    expect(spec.scenario).toMatchObject({ kind: 'single-stream', iterations: 50, durationS: 3, warmup: { iterations: 10 } });
    expect(spec.targets).toEqual(['p99<=33ms', 'realtime-30']);
    expect(spec.session.executionProviders).toEqual(['cpu']);
    expect(spec).toMatchObject({ profile: true, label: 'smoke' });
  });

  it('leaves empty limits out and passes a mistyped number on for the schema to name', () => {
    const spec = runSpecFromForm('/m.onnx', { ...initialRunForm(null), iterations: '', durationS: '', warmupIterations: 'ten' });
    expect(spec.scenario).not.toHaveProperty('iterations');
    const parsed = RunSpecSchema.safeParse(spec);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['scenario', 'warmup', 'iterations']);
  });

  it('reads targets one per line or separated by commas', () => {
    expect(parseTargetList('p50<=5ms\n p99<=10ms ,, ')).toEqual(['p50<=5ms', 'p99<=10ms']);
  });
});
