import { beforeAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

let tiny = '';
let tinyAgain = '';
let lopsided = '';

async function bench(model: string, label: string): Promise<string> {
  const result = await runCli(['bench', model, '--iterations', '8', '--warmup', '1', '--no-telemetry', '--label', label, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as { id: string }).id;
}

beforeAll(async () => {
  tiny = await bench(await modelPath('tiny-classifier'), 'tiny');
  tinyAgain = await bench(await modelPath('tiny-classifier'), 'tiny again');
  lopsided = await bench(await modelPath('lopsided'), 'lopsided');
});

it('refuses a run compared with itself, naming it', async () => {
  const result = await runCli(['compare', tiny, tiny]);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(`Run ${tiny} is named twice`);
  // A prefix of the same id is the same run.
  const prefixed = await runCli(['compare', tiny, tiny.slice(0, -2)]);
  expect(prefixed.code).toBe(2);
});

it('compares two different models as two runs, not as variants, unless told', async () => {
  const plain = await runCli(['compare', tiny, lopsided]);
  expect(plain.code, plain.stderr).toBe(0);
  expect(plain.stdout).toContain(tiny);
  expect(plain.stdout).toContain(lopsided);
  expect(plain.stdout).not.toContain('Variants');
  const variants = await runCli(['compare', tiny, lopsided, '--as-variants']);
  expect(variants.code, variants.stderr).toBe(0);
  expect(variants.stdout).toContain('Variants');
  // Every row of the tradeoff table names its run.
  const rows = variants.stdout.slice(variants.stdout.indexOf('Variants')).split('\n').filter((line) => /^\s*(tiny|lopsided)\s/.test(line));
  expect(rows).toHaveLength(2);
  expect(rows.find((r) => r.trim().startsWith('tiny'))).toContain(tiny);
  expect(rows.find((r) => r.trim().startsWith('lopsided'))).toContain(lopsided);
});

it('compares three or more runs each with the first, as variants only when asked, and refuses variants of a single model', async () => {
  const three = await runCli(['compare', tiny, tinyAgain, lopsided]);
  expect(three.code, three.stderr).toBe(0);
  expect(three.stdout.match(/Mann–Whitney U test on the latency samples/g)).toHaveLength(2);
  expect(three.stdout).toContain('different-model');
  expect(three.stdout).not.toContain('Variants');
  const one = await runCli(['compare', tiny, tinyAgain, '--as-variants']);
  expect(one.code).toBe(2);
  expect(one.stderr).toContain('there is one variant');
});
