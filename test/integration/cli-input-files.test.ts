import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelBuilder } from '../../models/onnx-builder.js';
import { repoRoot, runCli, testWorkspace } from '../helpers/cli.js';
import { fileHashes } from '../helpers/file-hashes.js';
import { modelPath } from '../helpers/models.js';

/**
 * Every input edgelab reads, given something that is not a regular file (a FIFO with no writer, a
 * character device, a folder), through the real `edgelab` process. Before, a FIFO made the command
 * wait forever for a writer; each case here is given 30 s and must end with exit 2 and a message
 * naming the file and what it is. Then damaged inputs that are regular files: a cut JPEG or PNG,
 * and a model whose graph has no nodes.
 */
const trtexecRuns = (name: string) => path.join(repoRoot, 'test', 'fixtures', 'trtexec-runs', name);
const alexnetTimes = trtexecRuns('exportTimes/fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.times.first200.json');
const ppocrTrace = path.join(repoRoot, 'test', 'fixtures', 'webgpu-h200', 'ppocrv4-det-640-webgpu-profile.json.gz');

let dir: string;
let fifo: (name: string) => Promise<string>;
let tiny: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'edgelab-input-files-'));
  fifo = async (name: string) => {
    const p = path.join(dir, name);
    execFileSync('mkfifo', [p]);
    return p;
  };
  tiny = await modelPath('tiny-classifier');
});

/** A refusal: exit 2 (not killed by the 30 s timer, not a crash), the file and its kind named, no stack. */
async function expectRefused(args: string[], ...mentions: (string | RegExp)[]): Promise<void> {
  const r = await runCli(args, { timeoutMs: 30_000 });
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
  expect(r.stderr).toMatch(/^edgelab: /);
  for (const m of mentions) expect(r.stderr).toMatch(m);
  expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
}

describe('an input that is not a regular file is named, never read', () => {
  it('import ort-profile: a FIFO trace, and a FIFO model beside a real trace', async () => {
    const trace = await fifo('trace.json');
    await expectRefused(['import', 'ort-profile', trace, '--no-save'], trace, /is a FIFO \(named pipe\), not a regular file/);
    const model = await fifo('model.onnx');
    await expectRefused(['import', 'ort-profile', ppocrTrace, '--model', model, '--no-save'], model, /FIFO/);
  });

  it('import trtexec: a FIFO as LOG, --times, --profile and --layer-info', async () => {
    await expectRefused(['import', 'trtexec', await fifo('run.log')], /LOG .*run\.log is a FIFO/);
    await expectRefused(['import', 'trtexec', '--times', await fifo('times.json')], /--times .*times\.json is a FIFO/);
    await expectRefused(['import', 'trtexec', '--times', alexnetTimes, '--profile', await fifo('profile.json')], /--profile .*profile\.json is a FIFO/);
    await expectRefused(['import', 'trtexec', '--times', alexnetTimes, '--layer-info', await fifo('layers.json')], /--layer-info .*layers\.json is a FIFO/);
  });

  it('import trtexec: a folder and a character device as --times', async () => {
    await expectRefused(['import', 'trtexec', '--times', dir], /--times .* is a folder, not a regular file/);
    await expectRefused(['import', 'trtexec', '--times', '/dev/zero'], /--times \/dev\/zero is a character device/);
  });

  it('bench --images: a FIFO image, and a FIFO given as the list of images', async () => {
    await expectRefused(['bench', tiny, '--images', await fifo('cat.jpg'), '--iterations', '2', '--no-save'], /Image .*cat\.jpg is a FIFO/);
    await expectRefused(['bench', tiny, '--images', await fifo('images.txt'), '--iterations', '2', '--no-save'], /images\.txt is a FIFO/);
  });

  it('eval --labels: a FIFO labels file', async () => {
    const images = path.join(dir, 'labelled');
    await mkdir(path.join(images, 'c0'), { recursive: true });
    await sharp({ create: { width: 32, height: 32, channels: 3, background: 'red' } }).jpeg().toFile(path.join(images, 'c0', 'a.jpg'));
    await expectRefused(['eval', tiny, '--images', images, '--labels', await fifo('labels.txt'), '--no-save'], /Labels file .*labels\.txt is a FIFO/);
  });

  it('a model that is a FIFO or /dev/zero is named as such, not as an empty file', async () => {
    const model = await fifo('pipe.onnx');
    await expectRefused(['inspect', model], model, /is a FIFO \(named pipe\)/);
    await expectRefused(['bench', model, '--no-save'], /is a FIFO/);
    for (const command of ['inspect', 'bench']) {
      const r = await runCli([command, '/dev/zero', ...(command === 'bench' ? ['--no-save'] : [])], { timeoutMs: 30_000 });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/\/dev\/zero is a character device, not a regular file/);
      expect(r.stderr).not.toMatch(/empty/);
    }
  });

  it('a suite file that is a FIFO', async () => {
    await expectRefused(['run', await fifo('suite.yaml')], /Suite file .*suite\.yaml is a FIFO/);
  });

  it('a refused input leaves the workspace as it was', async () => {
    expect((await runCli(['runs'])).code).toBe(0); // the workspace exists before it is hashed
    const before = fileHashes(testWorkspace);
    await expectRefused(['import', 'trtexec', '--times', await fifo('times2.json')], /FIFO/);
    await expectRefused(['import', 'ort-profile', await fifo('trace2.json')], /FIFO/);
    expect(fileHashes(testWorkspace)).toEqual(before);
  });
});

describe('damaged inputs that are regular files', () => {
  it('a cut JPEG or PNG is refused, naming the file, by bench and by eval', async () => {
    // Fixed pixels from a seeded generator, so the same bytes are cut on every run (sharp's own noise
    // is random, and a few random images decode even when cut).
    let state = 0x2545f491;
    const pixels = Buffer.alloc(96 * 96 * 3, 0).map(() => {
      state ^= state << 13; state ^= state >>> 17; state ^= state << 5;
      return (state >>> 0) & 0xff;
    });
    const raw = { raw: { width: 96, height: 96, channels: 3 as const } };
    const jpeg = await sharp(pixels, raw).jpeg({ quality: 90 }).toBuffer();
    const png = await sharp(pixels, raw).png().toBuffer();
    const cuts = { 'cut-half.jpg': jpeg.subarray(0, jpeg.length >> 1), 'cut-end.jpg': jpeg.subarray(0, jpeg.length - 2), 'cut-half.png': png.subarray(0, png.length >> 1) };
    for (const [name, bytes] of Object.entries(cuts)) {
      const file = path.join(dir, name);
      await writeFile(file, bytes);
      await expectRefused(['bench', tiny, '--images', file, '--iterations', '2', '--no-save'], `Image ${file} cannot be decoded`);
    }
    const images = path.join(dir, 'labelled-cut');
    await mkdir(path.join(images, 'c0'), { recursive: true });
    await mkdir(path.join(images, 'c1'), { recursive: true });
    await writeFile(path.join(images, 'c0', 'whole.jpg'), jpeg);
    await writeFile(path.join(images, 'c1', 'cut.jpg'), cuts['cut-half.jpg']);
    const labels = path.join(dir, 'ten-labels.txt');
    await writeFile(labels, Array.from({ length: 10 }, (_, i) => `c${i}`).join('\n') + '\n');
    await expectRefused(['eval', tiny, '--images', images, '--labels', labels, '--no-save'], `Image ${path.join(images, 'c1', 'cut.jpg')} cannot be decoded`);
  });

  it('a model whose graph has no nodes is refused at inspect and at bench', async () => {
    const empty = path.join(dir, 'empty-graph.onnx');
    await writeFile(empty, new ModelBuilder({ graphName: 'empty' }).toBytes());
    const passthrough = new ModelBuilder({ graphName: 'passthrough' });
    passthrough.input('x', 'float32', [1, 4]);
    passthrough.output('x', 'float32', [1, 4]);
    const copy = path.join(dir, 'passthrough.onnx');
    await writeFile(copy, passthrough.toBytes());
    await expectRefused(['inspect', empty], `${empty} has an empty graph: no nodes (0 inputs, 0 outputs)`);
    await expectRefused(['inspect', copy], `${copy} has an empty graph: no nodes (1 input, 1 output)`);
    await expectRefused(['bench', copy, '--no-save'], /has an empty graph/);
    // A real model still inspects: the check is on nodes, not on size.
    expect((await runCli(['inspect', tiny])).code).toBe(0);
    expect((await readFile(tiny)).length).toBeGreaterThan(0);
  });
});
