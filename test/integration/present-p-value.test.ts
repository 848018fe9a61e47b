import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLab } from '../../core/lab/open-lab.js';
import type { LabService } from '../../core/lab/lab-service.js';
import { formatPValue } from '../../core/present/compare-text.js';
import { runCli } from '../helpers/cli.js';

/**
 * One number, both faces: the p of a comparison reaches the app through LabApi.compareRuns (what the
 * Compare screen calls) and is written with core/present's formatPValue, the function the CLI's
 * `edgelab compare` text uses. Over the recorded runs of the 0.1.0 workspace fixture, where the test
 * gives p far below 0.001: the app once printed such a p as `4.6e-38`.
 */
const fixture = fileURLToPath(new URL('../fixtures/workspace-v0.1.0/', import.meta.url));
const ids = (JSON.parse(readFileSync(path.join(fixture, 'manifest.json'), 'utf8')) as { ids: Record<string, string> }).ids;

let workspace = '';
let lab: LabService;

beforeAll(async () => {
  workspace = path.join(mkdtempSync(path.join(tmpdir(), 'edgelab-p-value-')), 'workspace');
  cpSync(path.join(fixture, 'workspace'), workspace, { recursive: true });
  lab = await openLab({ workspace, runner: 'in-process', readOnlyFallback: true });
});

afterAll(async () => {
  await lab?.close();
});

describe('a p-value', () => {
  it.each([
    ['a measured run against an imported trtexec run', ids['baseline']!, ids['importedTrtexec']!],
    ['two measured runs', ids['baseline']!, ids['oneThread']!],
  ])('reads the same in the app as in the CLI: %s', async (_, a, b) => {
    const set = await lab.compareRuns([a, b]);
    const p = set.pairs[0]!.test.pValue;
    // Small enough that a plain String() would write an exponent: the form the app used to show.
    expect(p).toBeLessThan(0.001);
    expect(String(p)).toMatch(/e-\d+$/);
    const appText = formatPValue(p);
    expect(appText).toBe('< 0.001');
    const cli = await runCli(['compare', a, b, '--workspace', workspace], { env: { NO_COLOR: '1' } });
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain(`, p ${appText}, `);
    expect(cli.stdout).not.toMatch(/p = \d(\.\d+)?e-/);
  });

  it('keeps three decimals from 0.001 up, as journals print it', () => {
    expect(formatPValue(0.0421)).toBe('= 0.042');
    expect(formatPValue(0.001)).toBe('= 0.001');
    expect(formatPValue(0.000999)).toBe('< 0.001');
  });
});
