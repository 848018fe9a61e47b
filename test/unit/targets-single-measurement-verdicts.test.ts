import { describe, expect, it } from 'vitest';
import { VerdictSchema } from '../../core/api/run-record.js';
import { evaluateTargets, parseTarget, type TargetObservations } from '../../core/targets/index.js';

const observations: TargetObservations = {
  sortedSamplesMs: Array.from({ length: 1000 }, (_, i) => i + 1),
  throughputPerS: 120,
  coldStartMs: 1500,
  peakRssBytes: 400e6,
};

function verdict(expression: string) {
  const [result] = evaluateTargets([parseTarget(expression)], observations);
  return VerdictSchema.parse(result);
}

describe('single-measurement verdicts compare the value as it is', () => {
  it('cold start, in the unit written', () => {
    expect(verdict('coldstart<=2s')).toMatchObject({ status: 'pass', observedValue: 1500, thresholdValue: 2000, intervalLow: 1500, intervalHigh: 1500 });
    expect(verdict('coldstart<=1.5s').status).toBe('pass');
    expect(verdict('coldstart<1.5s').status).toBe('fail');
    expect(verdict('coldstart<=1s').status).toBe('fail');
    expect(verdict('coldstart<=2s').method).toBe('single measurement: session creation plus first inference, 1.5 s');
  });

  it('peak RSS in bytes, shown in the unit written', () => {
    expect(verdict('rss<=512MB')).toMatchObject({ status: 'pass', observedValue: 400e6, thresholdValue: 512e6, unit: 'B' });
    expect(verdict('rss<=0.4GB').status).toBe('pass');
    expect(verdict('rss<0.4GB').status).toBe('fail');
    expect(verdict('rss<=381MiB').status).toBe('fail');
    expect(verdict('rss<=512MiB').method).toBe('single measurement: peak resident memory, 381.5 MiB');
  });

  it('throughput', () => {
    expect(verdict('throughput>=100/s')).toMatchObject({ status: 'pass', observedValue: 120, unit: '/s' });
    expect(verdict('throughput>=120').status).toBe('pass');
    expect(verdict('throughput>120').status).toBe('fail');
    expect(verdict('throughput>=100/s').method).toBe('single measurement: inferences per second over the run, 120/s');
  });

  it('min and max of the samples', () => {
    expect(verdict('min>=1ms')).toMatchObject({ status: 'pass', observedValue: 1 });
    expect(verdict('max<=999ms')).toMatchObject({ status: 'fail', observedValue: 1000 });
    expect(verdict('max<=1s').status).toBe('pass');
    expect(verdict('max<=1s').method).toBe('single measurement: maximum of 1000 samples, 1 s');
  });
});
