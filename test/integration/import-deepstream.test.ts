import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ObservedRun, RunRecord } from '../../core/api/run-record.js';
import { repoRoot, runCli } from '../helpers/cli.js';

/**
 * `edgelab import deepstream` through the real edgelab process. DeepStream cannot run here: every
 * log is a real recorded deepstream-app output (test/fixtures/deepstream/, each folder's SOURCES.md
 * names its origin), and every figure is checked against a reading of the same file made here, in
 * the test, with its own code.
 */
const fixture = (name: string) => path.join(repoRoot, 'test', 'fixtures', 'deepstream', name);
const HELM = fixture('nvidia-metropolis-helm/ds5.0_k8s_2stream_grep_PERF.excerpt.txt');
const ORIN = fixture('jetson-min-disk/ds6.1.1_agx-orin_jp502_source2_demux_int8.excerpt.txt');
const ORIN_DS71 = fixture('jetsonmom-ds7.1/ds7.1_orin_test5_int8_perf.excerpt.txt');
const XAVIER_LATENCY = fixture('nvforum-253843-latency/ds6.0_xavier_component_latency.forum-excerpt.txt');
const FAILED = fixture('jetson-min-disk/ds6.0_xaviernx_run_log_source4_failed.txt');

async function importLog(file: string, ...flags: string[]) {
  const ws = mkdtempSync(path.join(tmpdir(), 'edgelab-ds-'));
  const r = await runCli(['import', 'deepstream', file, '--json', '--workspace', ws, ...flags]);
  const record = r.stdout.trim().startsWith('{') ? (JSON.parse(r.stdout) as RunRecord) : null;
  return { ...r, record, ws };
}

/** The PERF samples as this test reads them: every "a (b)" pair on a **PERF: line that is not a header. */
function perfColumns(file: string): Array<Array<{ fps: number; avg: number }>> {
  const rows = readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l.startsWith('**PERF:') && !l.includes('(Avg)'));
  return rows.map((l) => [...l.matchAll(/([\d.]+) \(([\d.]+)\)/g)].map((m) => ({ fps: Number(m[1]), avg: Number(m[2]) })));
}

function expectedStream(rows: ReturnType<typeof perfColumns>, i: number) {
  const column = rows.map((r) => r[i]!);
  const first = column.findIndex((c) => c.fps > 0);
  const run = column.slice(first).map((c) => c.fps);
  const mean = run.reduce((a, b) => a + b, 0) / run.length;
  const sd = Math.sqrt(run.reduce((a, b) => a + (b - mean) ** 2, 0) / (run.length - 1));
  return { averageFps: column.at(-1)!.avg, meanFps: mean, minFps: Math.min(...run), maxFps: Math.max(...run), cv: sd / mean, intervals: run.length, startup: first };
}

const deepstreamOf = (record: RunRecord | null) => (record?.extras['deepstream'] ?? null) as null | {
  streams: Array<{ stream: string; averageFps: number; meanFps: number; minFps: number; maxFps: number; coefficientOfVariation: number; intervals: number; startupReports: number }>;
  pipelineFps: number; perfReports: number; deepstreamVersion: string | null;
  fpsSeries: { report: number[]; fpsByStream: Record<string, number[]> };
  latency: { frameLatency: { basis: string; meanMs: number; frames: number; p50Ms: number; p99Ms: number } | null; epochFrameLines: number; firstComponent: string | null; components: Array<{ name: string; meanMs: number; share: number | null }>; betweenComponentsMs: number | null };
  engines: Array<{ element: string | null; enginePath: string; precision: string | null; batchSize: number | null; source: string; buildSeconds: number | null; infoForm: string | null; layers: number | null; bindings: Array<{ name: string; io: string; dims: string; minOptMax: string[] | null }> }>;
};

describe('edgelab import deepstream: **PERF: blocks', () => {
  for (const [name, file, streams] of [['DeepStream 5.0, 2 RTSP streams in Kubernetes', HELM, 2], ['DeepStream 6.1.1 on an AGX Orin, 2 streams', ORIN, 2], ['DeepStream 7.1 on an Orin, 1 stream', ORIN_DS71, 1]] as const) {
    it(`reads every stream's FPS as the log prints it: ${name}`, async () => {
      const r = await importLog(file);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.record?.state).toBe('observed');
      expect(r.record?.origin?.tool).toBe('deepstream');
      expect(r.record?.samplesMs).toEqual([]);
      const d = deepstreamOf(r.record)!;
      const rows = perfColumns(file);
      expect(d.perfReports).toBe(rows.length);
      expect(d.streams).toHaveLength(streams);
      for (let i = 0; i < streams; i++) {
        const e = expectedStream(rows, i);
        const s = d.streams[i]!;
        expect(s.averageFps).toBe(e.averageFps);
        expect(s.meanFps).toBeCloseTo(e.meanFps, 9);
        expect(s.minFps).toBe(e.minFps);
        expect(s.maxFps).toBe(e.maxFps);
        expect(s.coefficientOfVariation).toBeCloseTo(e.cv, 9);
        expect(s.intervals).toBe(e.intervals);
        expect(s.startupReports).toBe(e.startup);
      }
      expect(d.pipelineFps).toBeCloseTo(d.streams.reduce((a, s) => a + s.averageFps, 0), 9);
      // Fewer reports than chart buckets: the series is every report's FPS as printed.
      expect(d.fpsSeries.report).toEqual(rows.map((_, i) => i + 1));
      for (let i = 0; i < streams; i++) expect(d.fpsSeries.fpsByStream[String(i)]).toEqual(rows.map((r) => r[i]!.fps));
      // The log is kept beside the record, byte for byte, under the hash the record names.
      const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
      expect(r.record?.origin?.files).toEqual([{ role: 'log', name: path.basename(file), sha256: sha }]);
      expect(createHash('sha256').update(readFileSync(path.join(r.ws, 'runs', r.record!.id, path.basename(file)))).digest('hex')).toBe(sha);
      const verify = await runCli(['runs', 'verify', '--workspace', r.ws]);
      expect(verify.code).toBe(0);
    });
  }

  it('fps>=30 holds on every stream of the Orin run, and names both Kubernetes streams that miss it', async () => {
    const orin = await importLog(ORIN, '--target', 'fps>=30', '--target', 'pipeline-fps>=60');
    expect(orin.code).toBe(0);
    expect(orin.record?.state === 'observed' && orin.record.verdicts.map((v) => [v.target, v.status, v.observedValue])).toEqual([
      ['fps>=30', 'pass', Math.min(...[0, 1].map((i) => expectedStream(perfColumns(ORIN), i).averageFps))],
      ['pipeline-fps>=60', 'pass', expectedStream(perfColumns(ORIN), 0).averageFps + expectedStream(perfColumns(ORIN), 1).averageFps],
    ]);
    const helm = await importLog(HELM, '--target', 'fps>=30');
    expect(helm.code).toBe(1);
    const verdict = (helm.record as ObservedRun).verdicts[0]!;
    expect(verdict.status).toBe('fail');
    expect(verdict.method).toContain('not met by stream 0 (14.94), stream 1 (14.94)');
    // The run list judges an observed run by its verdicts, as any other.
    const listed = await runCli(['runs', '--workspace', helm.ws]);
    expect(listed.stdout.split('\n').find((l) => l.startsWith(helm.record!.id))).toMatch(/\sFAIL\s*$/);
  });

  it('the report draws the streams table (text, Markdown and HTML)', async () => {
    const r = await importLog(ORIN);
    const md = await runCli(['report', r.record!.id, '--format', 'md', '--workspace', r.ws]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('DeepStream pipeline');
    expect(md.stdout).toMatch(/\| 0 \| 30\.37 \|/);
    const html = await runCli(['report', r.record!.id, '--format', 'html', '--workspace', r.ws]);
    expect(html.stdout.match(/<polyline /g)).toHaveLength(2);
    expect(html.stdout).toContain('FPS per stream over the run');
  });
});

describe('edgelab import deepstream: latency measurement and nvinfer engines', () => {
  it('the Xavier batch: components out − in, and a "Frame latency" that is an epoch timestamp said so, not shown as ms', async () => {
    const r = await importLog(XAVIER_LATENCY);
    expect(r.code).toBe(0);
    const d = deepstreamOf(r.record)!;
    const text = readFileSync(XAVIER_LATENCY, 'utf8');
    const comps = [...text.matchAll(/Comp name = (\S+).*?in_system_timestamp = ([\d.]+) out_system_timestamp = ([\d.]+)/g)].map((m) => ({ name: m[1]!, inMs: Number(m[2]), outMs: Number(m[3]) }));
    const frameValue = Number(/Frame latency=([\d.]+)/.exec(text)![1]);
    expect(frameValue).toBeGreaterThan(1e12);
    expect(d.latency.epochFrameLines).toBe(1);
    expect(d.latency.firstComponent).toBe('nvv4l2-decoder');
    const span = frameValue - Math.min(...comps.map((c) => c.inMs));
    expect(d.latency.frameLatency?.basis).toBe('from-timestamps');
    expect(d.latency.frameLatency?.meanMs).toBeCloseTo(span, 6);
    expect(d.latency.components.map((c) => c.name)).toEqual(comps.map((c) => c.name));
    // The printed "component latency" is out − in, to the printed precision.
    d.latency.components.forEach((c, i) => expect(c.meanMs).toBeCloseTo(comps[i]!.outMs - comps[i]!.inMs, 3));
    const inside = comps.reduce((a, c) => a + (c.outMs - c.inMs), 0);
    expect(d.latency.betweenComponentsMs).toBeCloseTo(span - inside, 3);
    expect((r.record as ObservedRun).warnings.map((w) => w.code)).toContain('frame-latency-is-a-timestamp');
    const report = await runCli(['report', r.record!.id, '--workspace', r.ws]);
    expect(report.stdout).toContain('is a wall-clock timestamp (ms since 1970), not milliseconds of latency');
    expect(report.stdout).not.toContain('1684240027012');
    // The stacked bar: one line per component, shares of the frame latency.
    expect(report.stdout).toMatch(/tracker\s+█+·*\s+239\.8 ms \(46\.7 %\)/);
  });

  it('a single component line (another deepstream-app run): its time, and no share of a frame latency the log does not give', async () => {
    const file = fixture('nvforum-227118-latency/deepstream-app_primary_gie_component_latency.forum-line.txt');
    const r = await importLog(file);
    expect(r.code).toBe(0);
    const line = readFileSync(file, 'utf8');
    const [inMs, outMs] = [/in_system_timestamp = ([\d.]+)/, /out_system_timestamp = ([\d.]+)/].map((re) => Number(re.exec(line)![1]));
    const d = deepstreamOf(r.record)!;
    expect(d.latency.frameLatency).toBeNull();
    expect(d.latency.components).toEqual([{ name: 'primary_gie', role: 'nvinfer', frames: 1, meanMs: Number(/latency= ([\d.]+)/.exec(line)![1]), share: null }]);
    expect(d.latency.components[0]!.meanMs).toBeCloseTo(outMs! - inMs!, 5);
    const report = await runCli(['report', r.record!.id, '--workspace', r.ws]);
    expect(report.stdout).toContain('shares are of their sum, since the log gives no frame latency');
  });

  it('reads the engines nvinfer loaded and built, their bindings and, from the file names, precision', async () => {
    const r = await importLog(ORIN_DS71);
    const engines = deepstreamOf(r.record)!.engines;
    expect(engines.map((e) => [e.element, e.precision, e.batchSize, e.source, e.infoForm])).toEqual([
      ['secondary_gie_1', 'int8', 16, 'loaded', 'FullDims'],
      ['secondary_gie_0', 'int8', 16, 'loaded', 'FullDims'],
      ['primary_gie', 'int8', 1, 'built', 'Implicit'],
    ]);
    expect(engines[0]!.bindings.map((b) => [b.io, b.name, b.dims, b.minOptMax])).toEqual([
      ['INPUT', 'input_1:0', '3x224x224', ['1x3x224x224', '16x3x224x224', '16x3x224x224']],
      ['OUTPUT', 'predictions/Softmax:0', '6', ['0', '0', '0']],
    ]);
    // 0:00:01.745268018 "Trying to create engine" → 0:02:14.160063720 "serialize cuda engine … successfully".
    expect(engines[2]!.buildSeconds).toBeCloseTo(134.160063720 - 1.745268018, 6);
    expect(engines[2]!.layers).toBe(0);
    expect(r.record?.spec.model).toBe('/opt/nvidia/deepstream/deepstream-7.1/samples/models/Primary_Detector/resnet18_trafficcamnet_pruned.onnx_b1_gpu0_int8.engine');
  });

  it('a run that ended "App run failed" is recorded as failed, with its first error and its engines (exit 3)', async () => {
    const r = await importLog(FAILED);
    expect(r.code).toBe(3);
    expect(r.record?.state).toBe('failed');
    expect(r.record?.state === 'failed' && r.record.error.message).toBe('deepstream-app reported "App run failed": Could not open X Display.');
    const engines = deepstreamOf(r.record)!.engines;
    expect(engines.map((e) => e.element)).toEqual(['secondary_gie_2', 'secondary_gie_1', 'secondary_gie_0', 'primary_gie']);
    expect(engines[3]!.bindings.map((b) => b.name)).toEqual(['input_1', 'conv2d_bbox', 'conv2d_cov/Sigmoid']);
  });

  /**
   * No recorded deepstream-app log with a working decoder name was found: the `Source id = … Frame
   * latency = … (ms)` block below is written in the format of deepstream_app.c's latency probe
   * (`"Source id = %d Frame_num = %d Frame latency = %lf (ms) "`, NVIDIA/DeepStream), since the format
   * exists only in that printing code; the component lines copy the Xavier fixture's shape.
   */
  it('per-frame latency in ms: percentiles by nearest rank, within the stated bucket width', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'edgelab-ds-lat-'));
    const file = path.join(dir, 'latency.log');
    const latencies: number[] = [];
    const lines: string[] = [];
    for (let b = 0; b < 200; b++) {
      const t0 = 1_700_000_000_000 + b * 33;
      const frame = 20 + ((b * 37) % 50) / 3;
      latencies.push(frame);
      lines.push('', `************BATCH-NUM = ${b}**************`,
        `Comp name = nvv4l2decoder0 in_system_timestamp = ${t0.toFixed(6)} out_system_timestamp = ${(t0 + 4).toFixed(6)}               component latency= 4.000000`,
        `Comp name = primary_gie in_system_timestamp = ${(t0 + 5).toFixed(6)} out_system_timestamp = ${(t0 + 15).toFixed(6)}               component latency= 10.000000`,
        `Source id = 0 Frame_num = ${b} Frame latency = ${frame.toFixed(6)} (ms) `);
    }
    writeFileSync(file, lines.join('\n') + '\n');
    const r = await importLog(file);
    expect(r.code).toBe(0);
    const f = deepstreamOf(r.record)!.latency.frameLatency!;
    const sorted = latencies.map((x) => Number(x.toFixed(6))).sort((a, b) => a - b);
    const rank = (q: number) => sorted[Math.ceil(q * sorted.length) - 1]!;
    expect(f.basis).toBe('measured');
    expect(f.frames).toBe(200);
    expect(Math.abs(f.p50Ms - rank(0.5)) / rank(0.5)).toBeLessThanOrEqual(0.001);
    expect(Math.abs(f.p99Ms - rank(0.99)) / rank(0.99)).toBeLessThanOrEqual(0.001);
    expect(f.meanMs).toBeCloseTo(sorted.reduce((a, b) => a + b, 0) / sorted.length, 6);
    const nvinfer = deepstreamOf(r.record)!.latency.components.find((c) => c.name === 'primary_gie')!;
    expect(nvinfer.share).toBeCloseTo(10 / f.meanMs, 9);
  });
});

describe('edgelab import deepstream: what it refuses (exit 2, the file and line named, nothing recorded)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'edgelab-ds-bad-'));
  const write = (name: string, body: string | Buffer) => {
    const p = path.join(dir, name);
    writeFileSync(p, body);
    return p;
  };
  const orinText = readFileSync(ORIN, 'utf8');
  const cut = orinText.slice(0, orinText.indexOf('30.04 (30.37)') + 9);
  const cutLine = cut.split('\n').length;
  const cases: Array<[string, () => string, RegExp]> = [
    ['another tool\'s log (OpenVINO benchmark_app)', () => fixture('mixed-up/openvino_py2022.1_benchmark_app_pc_stdout_excerpt.txt'), /line 1: this is an OpenVINO benchmark_app log, not DeepStream output/],
    ['tegrastats output', () => path.join(repoRoot, 'test/fixtures/tegrastats/agx-orin-4.txt'), /line 1: this is tegrastats output, not DeepStream output/],
    ['a log cut off inside a **PERF: line', () => write('cut.log', cut), new RegExp(`line ${cutLine}: the file ends mid-line, cut off: a \\*\\*PERF: line that does not read as "FPS \\(Avg\\)" per stream`)],
    ['a **PERF: line with fewer streams than its header', () => write('columns.log', '**PERF:  FPS 0 (Avg)\tFPS 1 (Avg)\n**PERF:  30.00 (30.00)\t\n'), /line 2: a \*\*PERF: line with 1 stream where the header on line 1 named 2/],
    ['binary data', () => write('engine.bin', Buffer.from([0x66, 0x74, 0x72, 0x74, 10, 0, 1, 2, 3, 10])), /line 2 holds a NUL byte: this is not a text log/],
    ['a text file with no DeepStream line', () => write('notes.txt', 'hello\nworld\n'), /line 2: no DeepStream line in all 2 lines/],
    ['an empty file', () => write('empty.log', ''), /the file is empty/],
    ['a folder', () => dir, /is a folder, not a regular file/],
    ['a missing file', () => path.join(dir, 'nope.log'), /no such file/],
  ];
  for (const [what, file, message] of cases) {
    it(what, async () => {
      const ws = mkdtempSync(path.join(tmpdir(), 'edgelab-ds-ws-'));
      const given = file();
      const r = await runCli(['import', 'deepstream', given, '--workspace', ws]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(given);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      const runs = await runCli(['runs', '--json', '--workspace', ws]);
      expect(JSON.parse(runs.stdout)).toHaveLength(0);
    });
  }

  it('a FIFO is refused at once, not waited on', async () => {
    const fifo = path.join(dir, 'pipe.log');
    execFileSync('mkfifo', [fifo]);
    const r = await runCli(['import', 'deepstream', fifo, '--workspace', mkdtempSync(path.join(tmpdir(), 'edgelab-ds-ws-'))], { timeoutMs: 30_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`LOG ${fifo}: is a FIFO (named pipe), not a regular file.`);
  });
});
