import { describe, expect, it } from 'vitest';
import { checkLabs } from '../../core/ladder/labs.js';
import { evidence, JETSON, REALTIME_FAIL, REALTIME_PASS, run, verdict } from '../golden/ladder/records.js';

function labCheck(id: string, ev: ReturnType<typeof evidence>) {
  const found = checkLabs(ev).find((r) => r.lab.id === id);
  if (!found) throw new Error(`no lab ${id}`);
  return found.check;
}

describe('practice lab checks', () => {
  it('counts a missed 30 FPS budget as done, with the reason', () => {
    const check = labCheck('latency-budget', evidence({ runs: [run({ id: 'r-slow', verdicts: [REALTIME_FAIL] })] }));
    expect(check).toEqual({ done: true, detail: 'run r-slow: realtime-30: fail (observed 48.20 ms, threshold <= 33.30 ms)' });
  });

  it('does not count an inconclusive 30 FPS verdict', () => {
    const unsure = verdict('p99<=33ms', 'p99', '<=', 33, 'ms', 32.8, 'inconclusive');
    expect(labCheck('latency-budget', evidence({ runs: [run({ id: 'r', verdicts: [unsure] })] })).done).toBe(false);
  });

  it('needs two thread counts and two batch sizes of one model', () => {
    const runs = [run({ id: 'a', threads: 1 }), run({ id: 'b', threads: 2 }), run({ id: 'c', threads: 2, batch: 8 })];
    expect(labCheck('threads-and-batch', evidence({ runs })).done).toBe(true);
    expect(labCheck('threads-and-batch', evidence({ runs: runs.slice(0, 2) })).detail).toBe('yolo-n.onnx has 2 thread setting(s) and 1 batch size(s); two of each are needed.');
  });

  it('wants a reduced-precision variant in the precision lab', () => {
    const runs = [
      run({ id: 'a', modelFile: 'det-fp32.onnx', modelSha256: '1'.repeat(64), extras: { accuracy: { top1: 0.76 } } }),
      run({ id: 'b', modelFile: 'det-small.onnx', modelSha256: '2'.repeat(64), extras: { accuracy: { top1: 0.7 } } }),
    ];
    expect(labCheck('precision-tradeoff', evidence({ runs })).done).toBe(false);
    expect(labCheck('precision-tradeoff', evidence({ runs: [...runs, run({ id: 'c', modelFile: 'det-int8.onnx', modelSha256: '3'.repeat(64), extras: { accuracy: { top1: 0.75 } } })] })).done).toBe(true);
  });

  it('counts only suite runs with a target as a CI gate', () => {
    const suite = { suite: { name: 'gate' } };
    const untargeted = [run({ id: 'a', startedAt: '2026-03-02T08:00:00Z', extras: suite }), run({ id: 'b', startedAt: '2026-03-03T08:00:00Z', extras: suite })];
    expect(labCheck('suite-ci-gate', evidence({ runs: untargeted })).done).toBe(false);
    const targeted = untargeted.map((r) => ({ ...r, verdicts: [REALTIME_PASS] }));
    expect(labCheck('suite-ci-gate', evidence({ runs: targeted })).done).toBe(true);
  });

  it('checks the edge lab and the decision-record lab against the evidence', () => {
    expect(labCheck('edge-realtime', evidence({ runs: [run({ id: 'r', hardware: JETSON, verdicts: [REALTIME_PASS] })] })).done).toBe(true);
    // onnxruntime-node's linux-arm64 build has no CUDA provider: a Jetson's GPU is reached through trtexec.
    const edge = checkLabs(evidence({})).find((r) => r.lab.id === 'edge-realtime')?.lab;
    expect(edge?.steps.join('\n')).toContain('--engine trtexec');
    expect(edge?.steps.join('\n')).not.toContain('--ep cuda');
    const adr = { number: 1, title: 'INT8 on the Jetson', status: 'accepted', date: '2026-03-02', file: 'adr/0001-int8-on-the-jetson.md', runIds: [] as string[] };
    expect(labCheck('decision-record', evidence({ decisionRecords: [adr] })).done).toBe(false);
    expect(labCheck('decision-record', evidence({ decisionRecords: [{ ...adr, runIds: ['r'] }] })).done).toBe(true);
  });
});
