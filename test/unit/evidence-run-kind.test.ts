import { describe, expect, it } from 'vitest';
import { RunSpecSchema } from '../../core/api/run-spec.js';
import { checkVerdictOf, runKindOf } from '../../core/evidence/run-kind.js';
import { toRunListItem } from '../../core/lab/run-list-item.js';
import type { RunSummary } from '../../core/evidence/index.js';

const spec = (scenario: 'single-stream' | 'throughput') => RunSpecSchema.parse({ model: '/m.onnx', scenario: { kind: scenario } });

describe('the kind of a run and the verdict of the check it made', () => {
  it('names evaluations by what they carry and benchmarks by their scenario', () => {
    expect(runKindOf({ spec: spec('single-stream'), extras: {} })).toBe('single-stream');
    expect(runKindOf({ spec: spec('throughput'), extras: { sweep: { sweepId: 's' } } })).toBe('sweep throughput');
    expect(runKindOf({ spec: spec('single-stream'), extras: { parity: { verdict: 'fail' } } })).toBe('parity');
    expect(runKindOf({ spec: spec('single-stream'), extras: { evaluation: { verdict: 'pass' } } })).toBe('eval');
    expect(runKindOf({ spec: spec('single-stream'), extras: { accuracy: { top1: 0.7 } } })).toBe('accuracy');
  });

  it('reads a parity or expected-output check\'s verdict, and none from anything else', () => {
    expect(checkVerdictOf({ extras: { parity: { verdict: 'fail' } } })).toBe('fail');
    expect(checkVerdictOf({ extras: { evaluation: { verdict: 'pass' } } })).toBe('pass');
    expect(checkVerdictOf({ extras: { evaluation: { verdict: 'maybe' } } })).toBeNull();
    expect(checkVerdictOf({ extras: { accuracy: { top1: 0.7 } } })).toBeNull();
  });

  it('lists a failed check as a failed run, not as a run without targets', () => {
    const summary: RunSummary = {
      id: 'r1', file: 'runs/r1.json', state: 'completed', startedAt: '2026-11-30T00:00:00Z', finishedAt: '2026-11-30T00:00:01Z', label: null, tags: [],
      specModel: '/m.onnx', model: null, executionProvider: 'cpu', scenario: 'single-stream', sampleCount: 4, p50LatencyMs: 1, p99LatencyMs: 2, throughputPerS: 10,
      verdicts: { pass: 0, fail: 0, inconclusive: 0 }, error: null, hardwareFingerprint: null, runKind: 'parity', checkVerdict: 'fail', evidence: 'measured', accelerator: null,
    };
    expect(toRunListItem(summary, new Map())).toMatchObject({ verdict: 'fail', runKind: 'parity' });
    expect(toRunListItem({ ...summary, checkVerdict: 'pass' }, new Map()).verdict).toBe('pass');
    expect(toRunListItem({ ...summary, checkVerdict: null }, new Map()).verdict).toBe('none');
  });
});
