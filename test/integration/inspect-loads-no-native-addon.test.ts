import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, testWorkspace } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

/**
 * `--help` and `inspect` must not load ONNX Runtime or sharp: on an arm64 bundle under qemu-user the
 * ONNX Runtime library crashes the emulator, and on any device inspect should not pay for them.
 * Every native addon goes through process.dlopen, so a preload that logs its calls sees them all.
 */
const logDlopen = `data:text/javascript,${encodeURIComponent(
  'const open = process.dlopen; process.dlopen = (module, file, ...rest) => { process.stderr.write("DLOPEN " + file + "\\n"); return open(module, file, ...rest); };',
)}`;

function cliWithDlopenLog(args: string[]) {
  return spawnSync(process.execPath, ['--import', logDlopen, path.join(repoRoot, 'bin', 'edgelab.js'), ...args], {
    cwd: repoRoot,
    env: { ...process.env, EDGELAB_WORKSPACE: testWorkspace },
    encoding: 'utf8',
    timeout: 50_000,
  });
}

describe('commands that need no ONNX Runtime load no native addon', () => {
  it('--help and inspect open no .node file', async () => {
    const model = await modelPath('tiny-classifier');
    for (const args of [['--help'], ['inspect', model], ['inspect', model, '--json']]) {
      const r = cliWithDlopenLog(args);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stderr, args.join(' ')).not.toContain('DLOPEN');
    }
  });

  it('the log does see an addon when a command loads one (providers opens the ONNX Runtime binding)', () => {
    const r = cliWithDlopenLog(['providers', '--json']);
    expect(r.stderr).toMatch(/DLOPEN .*onnxruntime_binding\.node/);
  });
});
