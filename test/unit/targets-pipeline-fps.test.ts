import { describe, expect, it } from 'vitest';
import { evaluateTargets, parseTargets } from '../../core/targets/index.js';

/** A video pipeline's streams with the average FPS DeepStream printed (values from the recorded Kubernetes and AGX Orin runs). */
const orin = [{ stream: '0', averageFps: 30.37 }, { stream: '1', averageFps: 30.38 }];
const helm = [{ stream: '0', averageFps: 14.94 }, { stream: '1', averageFps: 14.94 }];
const mixed = [{ stream: '0', averageFps: 31 }, { stream: '1', averageFps: 12.5 }, { stream: '2', averageFps: 29.99 }];

describe('fps and pipeline-fps on a video pipeline', () => {
  it('fps>=30 passes only when every stream meets it, and names the streams that do not', () => {
    const [pass] = evaluateTargets(parseTargets(['fps>=30']), { pipelineStreams: orin });
    expect(pass).toMatchObject({ status: 'pass', observedValue: 30.37 });
    const [fail] = evaluateTargets(parseTargets(['fps>=30']), { pipelineStreams: mixed });
    expect(fail).toMatchObject({ status: 'fail', observedValue: 12.5 });
    expect(fail!.method).toContain('not met by stream 1 (12.5), stream 2 (29.99)');
  });

  it('fps<=X is held by the fastest stream', () => {
    const [v] = evaluateTargets(parseTargets(['fps<=30']), { pipelineStreams: mixed });
    expect(v).toMatchObject({ status: 'fail', observedValue: 31 });
    expect(v!.method).toContain('not met by stream 0 (31)');
  });

  it('pipeline-fps bounds the sum over streams', () => {
    const [v] = evaluateTargets(parseTargets(['pipeline-fps>=30']), { pipelineStreams: helm });
    expect(v).toMatchObject({ status: 'fail', observedValue: 14.94 + 14.94 });
    expect(evaluateTargets(parseTargets(['pipeline-fps>=60']), { pipelineStreams: orin })[0]).toMatchObject({ status: 'pass', observedValue: 30.37 + 30.38 });
  });

  it('is inconclusive where there is no pipeline, or a pipeline without **PERF: reports', () => {
    expect(evaluateTargets(parseTargets(['pipeline-fps>=30']), { sortedSamplesMs: [10, 11, 12] })[0]).toMatchObject({ status: 'inconclusive', method: 'not measured: the run is not a video pipeline with streams' });
    expect(evaluateTargets(parseTargets(['fps>=30']), { pipelineStreams: [] })[0]).toMatchObject({ status: 'inconclusive', method: 'not measured: the pipeline log has no **PERF: report with average FPS' });
  });
});
