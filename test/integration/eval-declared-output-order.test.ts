/**
 * A model that, like ISNet, declares its fused map 'output' first and side outputs with numeric
 * names after it ('1890', '1891'). JavaScript enumerates integer-like keys first, so taking "the
 * first" output in object order would score a side output. Generated here with outputs whose values
 * are known: 'output' draws the labelled mask exactly, each side output draws something else, so the
 * mIoU says which output was read. Through the real edgelab process and a real ONNX Runtime session.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/api/run-record.js';
import type { AccuracyPassSummary } from '../../core/evaluate/pass/pass-summary.js';
import { runCli } from '../helpers/cli.js';
import { writeConstantOutputModel } from '../helpers/constant-output-model.js';
import { tempSet, writeGreyPng, writeImage } from '../helpers/label-set-files.js';

const S = 16;
const root = tempSet('output-order');
const ws = path.join(root, 'ws');
const images = path.join(root, 'images');
const masks = path.join(root, 'masks');
const model = path.join(root, 'isnet-like.onnx');
/** The labelled mask: the left half is foreground. */
const truth = Array.from({ length: S * S }, (_, i) => (i % S < S / 2 ? 1 : 0));
/** Logits: high where `fg` says foreground. */
const logits = (fg: (i: number) => boolean) => Array.from({ length: S * S }, (_, i) => (fg(i) ? 6 : -6));

function miou(record: RunRecord): number {
  return ((record.extras['accuracyPass'] as AccuracyPassSummary).metrics as unknown as { miou: number }).miou;
}

function args(extra: string[] = []): string[] {
  return ['eval', model, '--labels', 'binary-masks', '--annotations', masks, '--images', images, '--decoder', 'saliency', '--json', '--no-save', '--workspace', ws, ...extra];
}

beforeAll(async () => {
  mkdirSync(images, { recursive: true });
  for (let k = 0; k < 2; k++) {
    await writeImage(path.join(images, `im${k}.png`), S, S);
    await writeGreyPng(path.join(masks, `im${k}.png`), S, S, truth.map((v) => v * 255));
  }
  const map = (name: string, values: number[]) => ({ name, dtype: 'float32' as const, dims: [1, 1, S, S], values });
  await writeConstantOutputModel(model, { height: S, width: S }, [
    map('output', logits((i) => truth[i] === 1)),
    map('1890', logits((i) => truth[i] === 0)),
    map('1891', logits((i) => Math.floor(i / S) < S / 2)),
  ]);
});

describe('decoders read outputs in the model\'s declared order', () => {
  it('scores the fused map declared first, not the numeric-named side output, and records which output it read', async () => {
    const r = await runCli(args());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const record = JSON.parse(r.stdout) as RunRecord;
    expect(miou(record)).toBe(1);
    expect((record.extras['accuracyPass'] as AccuracyPassSummary).decoder.output).toBe('output');
    const text = await runCli(args().filter((a) => a !== '--json'));
    expect(text.stdout).toContain('Decoder: saliency, foreground above 0.5, reading output output;');
  });

  it('reads the output --output names, and says so', async () => {
    const side = JSON.parse((await runCli(args(['--output', '1890']))).stdout) as RunRecord;
    // 1890 is the inverse of the truth: neither class overlaps its labelled pixels.
    expect(miou(side)).toBe(0);
    expect((side.extras['accuracyPass'] as AccuracyPassSummary).decoder.output).toBe('1890');
    const half = JSON.parse((await runCli(args(['--output', '1891']))).stdout) as RunRecord;
    expect(miou(half)).toBeGreaterThan(0);
    expect(miou(half)).toBeLessThan(1);
  });

  it('refuses an output the model does not have, naming the ones it has; exit 2', async () => {
    const r = await runCli(args(['--output', 'fused']));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("The model has no output 'fused'; its outputs are output [1, 1, 16, 16] float32, 1890 [1, 1, 16, 16] float32, 1891 [1, 1, 16, 16] float32.");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
