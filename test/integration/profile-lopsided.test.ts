import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionSettingsSchema } from '../../core/api/run-spec.js';
import { formatProfile } from '../../core/profile/format-profile.js';
import { measurePeaks } from '../../core/profile/peaks.js';
import { ProfileSummarySchema, type ProfileSummary } from '../../core/profile/profile-summary.js';
import { runProfiledPass, type ProfiledPass } from '../../core/profile/profiled-pass.js';
import { summarizeProfile } from '../../core/profile/summarize.js';
import { modelPath } from '../helpers/models.js';

describe('profiling the lopsided model with ONNX Runtime', () => {
  let dir: string;
  let pass: ProfiledPass;
  let summary: ProfileSummary;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'edgelab-profile-'));
    pass = await runProfiledPass({
      modelPath: await modelPath('lopsided'),
      settings: SessionSettingsSchema.parse({ intraOpNumThreads: 1 }),
      iterations: 5,
      outDir: join(dir, 'artifacts'),
      traceFileName: 'lopsided.trace.json',
    });
    // Small micro-benchmarks: the test checks the wiring, not this machine's speed.
    const peaks = await measurePeaks({ threads: 1, matmulSize: 256, addElements: 1 << 20, repeats: 2 });
    summary = summarizeProfile(pass.breakdown, { tracePath: pass.tracePath, peaks, topN: 3, requestedProviders: ['cpu'] });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('ranks the dominant MatMul first, by node and by op type', () => {
    expect(pass.breakdown.nodes[0]?.graphNode).toBe('heavy/matmul');
    expect(pass.breakdown.opTypes[0]?.opType).toBe('MatMul');
    expect(pass.breakdown.nodes[0]?.flops).toBe(2 * 128 * 1024 * 512);
  });

  it('counts only the profiled runs after the warm-up one', () => {
    expect(pass.breakdown.runs).toBe(5);
    expect(pass.breakdown.skippedRuns).toBe(1);
    expect(pass.breakdown.nodes[0]?.calls).toBe(5);
  });

  it('keeps the Chrome trace where the caller asked, as ONNX Runtime wrote it', async () => {
    expect(pass.tracePath).toBe(join(dir, 'artifacts', 'lopsided.trace.json'));
    const events = JSON.parse(await readFile(pass.tracePath, 'utf8')) as Array<{ name: string }>;
    expect(events.filter((e) => e.name === 'model_run')).toHaveLength(6);
  });

  it('summarises into a record-sized, schema-valid summary with roofline verdicts', () => {
    expect(ProfileSummarySchema.safeParse(summary).success).toBe(true);
    expect(summary.topNodes).toHaveLength(3);
    expect(summary.topNodes[0]?.bound).not.toBeNull();
    expect(summary.summary).toContain('MatMul');
    expect(JSON.stringify(summary).length).toBeLessThan(20_000);
    expect(formatProfile(summary)).toContain('heavy/matmul');
  });
});
