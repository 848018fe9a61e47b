import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTestDataSet } from '../../core/inputs/test-data/test-data-set.js';
import { toRunListItem } from '../../core/lab/run-list-item.js';
import { Workspace } from '../../core/evidence/workspace.js';
import { ort } from '../../core/runtime/ort.js';
import { runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

/**
 * A failure never ticks a gate: the real `edgelab` process on real models, each in a workspace of
 * its own, then the ladder, the JUnit file and the run list read back as CI and the app read them.
 */
async function freshWorkspace(): Promise<{ dir: string; env: NodeJS.ProcessEnv }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'edgelab-gates-'));
  return { dir, env: { EDGELAB_WORKSPACE: dir } };
}

/** The attributes of each such element, by name. */
function attributes(xml: string, element: string): Array<Record<string, string>> {
  return [...xml.matchAll(new RegExp(`<${element} ([^>]*?)/?>`, 'g'))].map((m) => Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])));
}

describe('a failure never ticks a gate', () => {
  it('an eval whose outputs did not match leaves the eval-case item open; one that matched ticks it', async () => {
    const { env } = await freshWorkspace();
    const model = await modelPath('tiny-classifier');
    const root = await mkdtemp(path.join(tmpdir(), 'edgelab-gates-eval-'));
    const input = new ort.Tensor('float32', Float32Array.from({ length: 3072 }, (_, i) => Math.sin(i)), [1, 3, 32, 32]);
    // Expected outputs that no classifier gives (all 5): the check runs and fails, "0 of 1 matched".
    await writeTestDataSet(path.join(root, 'test_data_set_0'), [{ name: 'input', tensor: input }], [{ name: 'probabilities', tensor: new ort.Tensor('float32', new Float32Array(10).fill(5), [1, 10]) }]);
    const failed = await runCli(['eval', model, '--test-data', root], { env });
    expect(failed.code).toBe(1);

    const open = JSON.parse((await runCli(['ladder', '--json'], { env })).stdout) as { gates: Array<{ items: Array<{ item: { id: string }; met: boolean; missing: string | null }> }> };
    const item = open.gates.flatMap((g) => g.items).find((i) => i.item.id === 'eval-case');
    expect(item?.met).toBe(false);
    expect(item?.missing).toContain('0 of 1 test-data case(s) matched');

    // The same set with the model's own outputs saved as expected: it matches, and the item ticks.
    const saved = await mkdtemp(path.join(tmpdir(), 'edgelab-gates-eval-'));
    await writeTestDataSet(path.join(saved, 'test_data_set_0'), [{ name: 'input', tensor: input }]);
    expect((await runCli(['eval', model, '--test-data', saved, '--save-expected'], { env })).code).toBe(0);
    expect((await runCli(['eval', model, '--test-data', saved], { env })).code).toBe(0);
    const ticked = JSON.parse((await runCli(['ladder', '--json'], { env })).stdout) as typeof open;
    expect(ticked.gates.flatMap((g) => g.items).find((i) => i.item.id === 'eval-case')?.met).toBe(true);
  }, 120_000);

  it('a suite JUnit file lists every entry: a refused one as an error, a failed target as a failure', async () => {
    const { dir, env } = await freshWorkspace();
    const model = await modelPath('tiny-classifier');
    const suiteFile = path.join(dir, 'gate.yaml');
    const junitFile = path.join(dir, 'gate.junit.xml');
    await writeFile(suiteFile, [
      'name: gate',
      'runs:',
      `  - { model: ${JSON.stringify(model)}, label: fast-enough, scenario: { kind: single-stream, warmup: { iterations: 2 }, iterations: 20 }, targets: ["p50<=10s"] }`,
      `  - { model: ${JSON.stringify(path.join(dir, 'no-such-model.onnx'))}, label: missing-model, targets: ["p50<=10s"] }`,
      `  - { model: ${JSON.stringify(model)}, label: too-slow, scenario: { kind: single-stream, warmup: { iterations: 2 }, iterations: 20 }, targets: ["p50<=0.000001ms"] }`,
      '',
    ].join('\n'));
    const result = await runCli(['run', suiteFile, '--junit', junitFile], { env });
    expect(result.code).toBe(2); // a refused entry: the gate did not measure what it promised
    const xml = await readFile(junitFile, 'utf8');
    const [all] = attributes(xml, 'testsuites');
    expect(all).toMatchObject({ tests: '3', failures: '1', errors: '1' });
    const suites = attributes(xml, 'testsuite');
    expect(suites.map((s) => s.name)).toEqual(['fast-enough', 'missing-model', 'too-slow']);
    expect(xml).toMatch(/<error message="refused: Model file not found: [^"]*no-such-model\.onnx" type="input">/);
    expect(xml).toMatch(/<testcase name="p50&lt;=0.000001ms"[^>]*>\s*<failure message="p50 /);
  }, 120_000);

  it('a failed run that set targets lists them as not met: in its JUnit, and in the run list (not "no targets")', async () => {
    const { dir, env } = await freshWorkspace();
    const model = await modelPath('tiny-classifier');
    // trtexec is not on this machine (nor on an empty PATH): the run is recorded as failed, exit 3.
    const bench = await runCli(['bench', model, '--engine', 'trtexec', '--target', 'p99<=10ms', '--target', 'throughput>=100/s'], { env: { ...env, PATH: '' } });
    expect(bench.code).toBe(3);
    const id = /Recorded as (\S+)/.exec(bench.stdout + bench.stderr)?.[1];
    expect(id).toBeDefined();

    const junit = await runCli(['report', id!, '--format', 'junit'], { env });
    expect(junit.code).toBe(0);
    expect(attributes(junit.stdout, 'testsuites')[0]).toMatchObject({ tests: '3', failures: '2', errors: '1' });
    expect(junit.stdout).toMatch(/<testcase name="p99&lt;=10ms"[^>]*>\s*<failure message="not met: the run failed/);

    const ws = await Workspace.open(dir);
    const [summary] = await ws.listRuns();
    expect(summary?.state).toBe('failed');
    expect(toRunListItem(summary!, new Map()).verdict).toBe('fail');
  }, 120_000);
});
