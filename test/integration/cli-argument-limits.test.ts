import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../core/api/run-record.js';
import { LIST_LIMITS, TEXT_LIMITS } from '../../core/api/text-limits.js';
import { repoRoot, runCli, testWorkspace } from '../helpers/cli.js';
import { fileHashes } from '../helpers/file-hashes.js';
import { modelPath } from '../helpers/models.js';

/**
 * Argument lengths and malformed arguments, through the real `edgelab` process. The 30 KB label
 * once killed edgelab with SIGSEGV inside ONNX Runtime, which reads the whole command line
 * (/proc/self/cmdline) when it starts and walks it recursively: the command line is now bounded
 * before anything loads ONNX Runtime, and each argument by its kind.
 */
let tiny: string;
let mobilenet: string;
const ppocrTrace = path.join(repoRoot, 'test', 'fixtures', 'webgpu-h200', 'ppocrv4-det-640-webgpu-profile.json.gz');
const times = path.join(repoRoot, 'test', 'fixtures', 'trtexec-runs', 'exportTimes', 'fuzzylabs_rtx3060laptop_trt10_alexnet_fp16.times.first200.json');

beforeAll(async () => {
  tiny = await modelPath('tiny-classifier');
  mobilenet = await modelPath('mobilenet-style');
  expect((await runCli(['runs'])).code).toBe(0); // the workspace exists before any test hashes it
});

async function expectUsage(args: string[], ...mentions: (string | RegExp)[]): Promise<void> {
  const r = await runCli(args);
  expect(r.code, `${args.map((a) => a.slice(0, 40)).join(' ')}\n${r.stderr}`).toBe(2);
  expect(r.stderr).toMatch(/^edgelab: /);
  for (const m of mentions) expect(r.stderr).toMatch(m);
  expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
}

const text = (n: number, c = 'a') => c.repeat(n);

describe('argument lengths', () => {
  it('a 30 KB --label, --tag or --target is refused with exit 2, not a segfault', async () => {
    for (const flag of ['--label', '--tag', '--target']) {
      const r = await runCli(['bench', tiny, '--iterations', '2', flag, text(30_000)]);
      expect(r.code, r.stderr).toBe(2); // null (killed by a signal) before
      expect(r.stderr).toMatch(/the command line is 300\d\d bytes; edgelab takes at most 16384/);
    }
  });

  it('the whole command line is bounded, however it is split', async () => {
    const tags = Array.from({ length: 300 }, (_, i) => ['--tag', `tag-number-${i}-${text(40)}`]).flat();
    await expectUsage(['bench', tiny, '--iterations', '2', ...tags], /the command line is \d+ bytes/, /suite file/);
  });

  it('each kind has its limit, stated in the message and naming the flag', async () => {
    await expectUsage(['bench', tiny, '--label', text(TEXT_LIMITS.label + 1)], `--label: a label is at most ${TEXT_LIMITS.label} characters (this one has ${TEXT_LIMITS.label + 1})`);
    await expectUsage(['bench', tiny, '--tag', text(TEXT_LIMITS.tag + 1)], `--tag: a tag is at most ${TEXT_LIMITS.tag} characters`);
    await expectUsage(['bench', tiny, '--target', `p99<=33ms${text(TEXT_LIMITS.target)}`], `--target: a target expression is at most ${TEXT_LIMITS.target} characters`);
    await expectUsage(['import', 'ort-profile', ppocrTrace, '--hardware', text(TEXT_LIMITS.statedHardware + 1)], `--hardware: a stated hardware name is at most ${TEXT_LIMITS.statedHardware} characters`);
    await expectUsage(['import', 'trtexec', '--times', times, '--label', text(TEXT_LIMITS.label + 1)], /--label: a label is at most/);
    await expectUsage(['inspect', `/tmp/${text(TEXT_LIMITS.path)}`], `a path is at most ${TEXT_LIMITS.path} characters`);
    const tags = Array.from({ length: LIST_LIMITS.tags + 1 }, (_, i) => ['--tag', `t${i}`]).flat();
    await expectUsage(['bench', tiny, ...tags], `a run carries at most ${LIST_LIMITS.tags} tags`);
  });

  it('a suite run is held to the same limits, with the file, line and field', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'edgelab-limits-'));
    const suite = path.join(dir, 'gate.yaml');
    await writeFile(suite, `name: gate\nruns:\n  - model: ${tiny}\n    label: ${text(TEXT_LIMITS.label + 1)}\n`);
    await expectUsage(['run', suite], 'gate.yaml', /label/, `a label is at most ${TEXT_LIMITS.label} characters`);
  });

  it('text at the limit is taken and recorded whole', async () => {
    const label = text(TEXT_LIMITS.label, 'L');
    const tag = text(TEXT_LIMITS.tag, 'T');
    const r = await runCli(['bench', tiny, '--iterations', '3', '--warmup', '1', '--label', label, '--tag', tag, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const record = JSON.parse(r.stdout) as RunRecord;
    const saved = JSON.parse(await readFile(path.join(testWorkspace, 'runs', `${record.id}.json`), 'utf8')) as RunRecord;
    expect(saved.spec.label).toBe(label);
    expect(saved.spec.tags).toEqual([tag]);
  });
});

describe('malformed arguments are refused before anything is opened', () => {
  it('an empty value: --target \'\', --workspace \'\', an empty model argument', async () => {
    const before = fileHashes(testWorkspace);
    await expectUsage(['bench', tiny, '--target', ''], "edgelab bench --target: the value is empty");
    await expectUsage(['bench', tiny, '--workspace', ''], "edgelab bench --workspace: the value is empty");
    await expectUsage(['runs', '--workspace', ' '], "edgelab runs --workspace: the value is empty");
    await expectUsage(['inspect', ''], "edgelab inspect: an empty argument");
    expect(fileHashes(testWorkspace)).toEqual(before);
  });

  it('--dim, --free-dim or --shape naming one input twice with two values', async () => {
    await expectUsage(['bench', mobilenet, '--dim', 'batch=1', '--dim', 'batch=2'], '--dim gives batch twice, as 1 and as 2');
    await expectUsage(['bench', mobilenet, '--free-dim', 'batch=1', '--free-dim', 'batch=4', '--dim', 'batch=1'], '--free-dim gives batch twice');
    await expectUsage(['bench', tiny, '--shape', 'input=1x3x32x32', '--shape', 'input=2x3x32x32'], '--shape gives input twice, as 1x3x32x32 and as 2x3x32x32');
    // The same value twice says the same thing twice, and is taken.
    const same = await runCli(['bench', mobilenet, '--dim', 'batch=1', '--dim', 'batch=1', '--iterations', '2', '--warmup', '0', '--no-save']);
    expect(same.code, same.stderr).toBe(0);
  });

  it('eval --force without --save-expected', async () => {
    await expectUsage(['eval', tiny, '--test-data', path.join(repoRoot, 'test'), '--force'], '--force only goes with --save-expected');
  });

  it('an extra argument to ladder labs, status, assess or export', async () => {
    await expectUsage(['ladder', 'labs', 'extra'], 'edgelab ladder labs: takes no arguments, got extra');
    await expectUsage(['ladder', 'status', 'x', 'y'], 'edgelab ladder status: takes no arguments, got x y');
    await expectUsage(['ladder', 'export', 'portfolio.html'], 'edgelab ladder export: takes no arguments');
  });
});
