import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

// The real `edgelab` process on a real model measured here: a DVC export names the ledger head its
// runs were read at, in its manifest and on the terminal, so a reviewer can pin it as they pin a
// report's; exporting again with no new evidence writes the same bytes.
describe('edgelab export dvc pins the ledger head', () => {
  it('writes the head `runs verify` names into edgelab-export.json and prints it; an unchanged ledger leaves the manifest as it was', async () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'edgelab-dvc-head-'));
    const model = path.join(repo, 'tiny.onnx');
    copyFileSync(await modelPath('tiny-classifier'), model);
    const cli = (...args: string[]) => runCli(args, { cwd: repo, timeoutMs: 40_000 });
    expect((await cli('bench', model, '--iterations', '8', '--warmup', '1', '--no-telemetry', '--label', 'tiny', '--workspace', 'perf/evidence')).code).toBe(0);
    const verify = JSON.parse((await cli('runs', 'verify', '--json', '--workspace', 'perf/evidence')).stdout) as { head: string };
    expect(verify.head).toMatch(/^[0-9a-f]{64}$/);

    const first = await cli('export', 'dvc', 'perf/', '--workspace', 'perf/evidence');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`Ledger head (pin it; also in`);
    expect(first.stdout).toContain(verify.head);
    const manifestFile = path.join(repo, 'perf', 'edgelab-export.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { ledger_head: string; signed_head: string | null };
    expect(manifest.ledger_head).toBe(verify.head);
    expect(manifest.signed_head).toBeNull();
    const bytes = readFileSync(manifestFile);

    const again = await cli('export', 'dvc', 'perf/', '--workspace', 'perf/evidence', '--json');
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as { ledgerHead: string }).ledgerHead).toBe(verify.head);
    expect(readFileSync(manifestFile).equals(bytes)).toBe(true);
  });
});
