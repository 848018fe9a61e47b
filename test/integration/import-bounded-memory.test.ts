import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/api/run-record.js';
import { generateDeepstreamLog, generateTegrastatsLog } from '../../bench/import-logs/generate-logs.js';
import { runCli } from '../helpers/cli.js';

/**
 * Every line-by-line importer on a log three times the size of the heap the real edgelab process is
 * given (--max-old-space-size=64): an importer that held the file, or a string of it, would die of
 * it. The logs are generated in the tools' formats (bench/import-logs/generate-logs.ts says where
 * each comes from) and the figures are held to what was written.
 */
const HEAP_MB = 64;
const LOG_BYTES = 3 * HEAP_MB * 1024 * 1024;
const dir = mkdtempSync(path.join(tmpdir(), 'edgelab-bounded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` };
const LONG = 300_000;

describe(`imports in bounded memory (${HEAP_MB} MB heap, ${3 * HEAP_MB} MB logs)`, () => {
  it('deepstream: every frame and component line of a latency-measurement log', { timeout: LONG }, async () => {
    const file = path.join(dir, 'deepstream.log');
    const written = generateDeepstreamLog(file, LOG_BYTES);
    const ws = path.join(dir, 'ws-ds');
    const r = await runCli(['import', 'deepstream', file, '--json', '--workspace', ws], { env, timeoutMs: LONG });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = (JSON.parse(r.stdout) as RunRecord).extras['deepstream'] as { logLines: number; latency: { frameLatency: { frames: number }; components: Array<{ frames: number }> } };
    expect(d.logLines).toBe(written.lines);
    expect(d.latency.frameLatency.frames).toBe(written.units);
    expect(d.latency.components.map((c) => c.frames)).toEqual(new Array(6).fill(written.units));
    rmSync(file);
  });

  it('tegrastats: every line of a long log', { timeout: LONG }, async () => {
    const pipelineLog = path.join(dir, 'pipeline.log');
    generateDeepstreamLog(pipelineLog, 1 << 20);
    const ws = path.join(dir, 'ws-tg');
    const pipeline = await runCli(['import', 'deepstream', pipelineLog, '--json', '--workspace', ws]);
    const file = path.join(dir, 'tegrastats.log');
    const written = generateTegrastatsLog(file, LOG_BYTES);
    const r = await runCli(['import', 'tegrastats', file, '--run', (JSON.parse(pipeline.stdout) as RunRecord).id, '--interval', '100', '--json', '--workspace', ws], { env, timeoutMs: LONG });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const record = JSON.parse(r.stdout) as RunRecord;
    expect((record.extras['telemetry'] as { sampleCount: number }).sampleCount).toBe(written.lines);
    expect(record.state === 'observed' && record.durationMs).toBe(written.lines * 100);
    rmSync(file);
  });
});
