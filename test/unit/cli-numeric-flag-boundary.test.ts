import { PassThrough } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../core/cli/main.js';
import { commands } from '../../core/cli/commands/index.js';
import { flagDefinitions, numericFlags, type NumericFlag } from '../../core/cli/numeric-flags.js';

const workspace = mkdtempSync(path.join(tmpdir(), 'edgelab-flags-'));

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await main(argv, { stdout: out as unknown as NodeJS.WriteStream, stderr: err as unknown as NodeJS.WriteStream, env: { EDGELAB_WORKSPACE: workspace }, signal: new AbortController().signal });
  return { code, stdout, stderr };
}

/** Values outside the rule's range in every way a hostile or careless user might type them. */
function badValues(rule: NumericFlag): string[] {
  const raw = ['-5', '99999999999999999999', '1e400', 'abc', 'NaN', 'Infinity', '0x10', String(rule.max * 10 + 1)];
  if (rule.min > 0 || rule.exclusiveMin) raw.push(String(rule.min === 0 ? 0 : rule.min - 1));
  const outside = raw.filter((v) => !(rule.form === 'triple' && Number(v) >= rule.min && Number(v) <= rule.max));
  const wrap = (v: string): string => {
    switch (rule.form) {
      case 'named':
        return `batch=${v}`;
      case 'shape':
        return `input=1x${v}x4`;
      case 'size':
        return `${v}x224`;
      case 'triple':
        return `0.5,0.5,${v}`;
      default:
        return v;
    }
  };
  return outside.map(wrap);
}

// Each command's flag definitions are read from the command itself (parseFlags records them when
// `--help` is parsed), so a numeric flag added to any command is driven here without editing this test.
const commandNames = Object.keys(commands);
const helps = new Map<string, string>();
for (const name of commandNames) {
  await (await (commands[name] as () => Promise<unknown>)());
  helps.set(name, (await run([name, '--help'])).stdout);
}

describe('every numeric flag of every command', () => {
  it('finds the flag definitions of every command that takes flags', () => {
    for (const name of ['bench', 'profile', 'sweep', 'eval', 'parity', 'runs', 'serve', 'ladder', 'demo']) expect(flagDefinitions.has(name), name).toBe(true);
  });

  it('every flag whose help shows a number placeholder is in the numeric table', () => {
    for (const [name, help] of helps) {
      for (const m of help.matchAll(/--([a-z][a-z-]*)[ =](N|Q|S|PORT|HxW|N\|DURATION|R,G,B)\b/g)) {
        const flag = m[1] as string;
        if (flagDefinitions.get(name)?.[flag] === undefined) continue;
        expect(numericFlags[flag], `edgelab ${name} --${flag} ${m[2]}`).toBeDefined();
      }
    }
  });

  const cases: Array<[string, string, string]> = [];
  for (const [name, options] of flagDefinitions) {
    for (const flag of Object.keys(options)) {
      const rule = numericFlags[flag];
      if (!rule || options[flag]?.type !== 'string') continue;
      for (const value of badValues(rule)) cases.push([name, flag, value]);
    }
  }

  it('drives a few hundred values', () => {
    expect(cases.length).toBeGreaterThan(200);
  });

  it.each(cases)('edgelab %s --%s %s: exit 2, names the flag, no trace', async (name, flag, value) => {
    // No model: the range check comes before anything else a command does, so none is needed.
    for (const argv of [[name, `--${flag}`, value], [name, `--${flag}=${value}`]]) {
      const r = await run(argv);
      expect(r.code, `${argv.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(`--${flag}`);
      expect(r.stderr).not.toMatch(/ZodError|RangeError|\n\s+at |ambiguous|unexpected error/);
    }
  });
});

describe('the crashes reported against the flag boundary', () => {
  it.each([
    [['bench', 'm.onnx', '--threads', '100000'], /--threads 100000: expected a whole number from 0 to 1024/],
    [['bench', 'm.onnx', '--iterations', '99999999999999999999'], /--iterations 99999999999999999999: expected a whole number from 1 to 10000000/],
    [['bench', 'm.onnx', '--input-pool', '100'], /--input-pool 100: expected a whole number from 1 to 64/],
    [['bench', 'm.onnx', '--scenario', 'throughput', '--sessions', '50'], /--sessions 50: expected a whole number from 1 to 16/],
    [['bench', 'm.onnx', '--inter-threads', '5000'], /--inter-threads 5000/],
    [['serve', '--port', '99999'], /--port 99999: expected a whole number from 0 to 65535/],
    [['bench', 'm.onnx', '--iterations', '-5'], /--iterations -5: expected a whole number from 1/],
    [['sweep', 'm.onnx', '--batch', '1,-4'], /--batch -4/],
    [['sweep', 'm.onnx', '--batch', '1', '--concurrency', '999', '--scenario', 'throughput'], /--concurrency 999/],
  ])('%j', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('an unknown flag to demo is refused before anything runs', async () => {
    const r = await run(['demo', '--iterations', '5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown flag --iterations');
  });
});
