import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newStateDir, repoRoot, runCli } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

/**
 * The generated GitLab pipeline, run for real on this machine with gitlab-ci-local (shell executor,
 * `--shell-isolation`: each job in its own copy of the repository, artifacts passed between stages as
 * GitLab passes them). Two "devices" measure a suite in parallel (`parallel: matrix:`), each into a
 * workspace of its own; the fan-in job merges their bundles, verifies, writes the fleet report, and
 * gates. Then a planted impossible target makes the fan-in fail.
 *
 * Slower than the other integration tests (about 30 s alone, a minute with both cores busy): it runs
 * two whole pipelines, each with three jobs that start edgelab and ONNX Runtime; the suite measures
 * only 1.5 s per device. It needs Debian's rsync (gitlab-ci-local copies each job's folder with it; .ci/run
 * installs it). The repository is a small temporary one whose `edgelab` wrapper calls this checkout's
 * bin/edgelab.js by absolute path, so no job copies the project.
 */

let repo = '';
let stateRoot = '';
let gitlabHome = '';
const DEVICES = ['dev-a', 'dev-b'];

function sh(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** The whole pipeline, as `gitlab-ci-local` runs it from the repository's root. */
function pipeline(...variables: string[]) {
  const bin = path.join(repoRoot, 'node_modules', '.bin', 'gitlab-ci-local');
  const args = ['--shell-isolation', '--no-color', '--home', gitlabHome, '--variable', `EDGELAB_CLI=${path.join(repo, 'edgelab')}`, ...variables.flatMap((v) => ['--variable', v])];
  return sh(bin, args, repo);
}

function suite(name: string, target: string): string {
  return [
    `name: ${name}`,
    'runs:',
    `  - model: ${JSON.stringify(tinyModel)}`,
    '    label: tiny classifier',
    '    scenario: { kind: single-stream, warmup: { iterations: 5 }, durationS: 1.5, iterations: 1000000 }',
    `    targets: [${JSON.stringify(target)}]`,
    '',
  ].join('\n');
}

let tinyModel = '';

beforeAll(async () => {
  tinyModel = await modelPath('tiny-classifier');
  repo = await mkdtemp(path.join(tmpdir(), 'edgelab-fleet-repo-'));
  stateRoot = await mkdtemp(path.join(tmpdir(), 'edgelab-fleet-state-'));
  gitlabHome = await mkdtemp(path.join(tmpdir(), 'edgelab-gitlab-home-'));
  // One machine plays two devices: each keeps a machine state of its own (its measure lock, the heads
  // it remembers), so the two measure side by side as two boards would, and each names itself as its
  // own unit, as a board's serial would.
  await writeFile(path.join(repo, 'edgelab'), [
    '#!/bin/sh',
    'if [ -n "${EDGELAB_DEVICE:-}" ]; then',
    '  export EDGELAB_UNIT_ID="$EDGELAB_DEVICE" EDGELAB_UNIT_LABEL="$EDGELAB_DEVICE (simulated on this machine)"',
    'fi',
    `export EDGELAB_STATE_DIR=${JSON.stringify(stateRoot)}/"\${EDGELAB_DEVICE:-fleet}"`,
    `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(repoRoot, 'bin', 'edgelab.js'))} "$@"`,
    '',
  ].join('\n'));
  await chmod(path.join(repo, 'edgelab'), 0o755);
  await mkdir(path.join(repo, 'perf'));
  // Each board's own signing key (a real runner has it in its own environment; here a variable names
  // it by the device). The repository trusts dev-a's key only.
  for (const device of DEVICES) {
    const keygen = await sh('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${device}@bench`, '-f', path.join(stateRoot, `${device}.key`)], stateRoot);
    expect(keygen.code, keygen.output).toBe(0);
  }
  await writeFile(path.join(repo, 'perf', 'allowed_signers'), `dev-a@bench ${(await readFile(path.join(stateRoot, 'dev-a.key.pub'), 'utf8')).trim()}\n`);
  await writeFile(path.join(repo, 'perf', 'suite.yaml'), suite('fleet-gate', 'p99<=10s'));
  await writeFile(path.join(repo, 'perf', 'impossible.yaml'), suite('impossible-gate', 'p50<=0.001ms'));
  const init = await runCli(['ci', 'init', 'gitlab', '--devices', DEVICES.join(','), '--suite', 'perf/suite.yaml', '--out', repo]);
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  for (const args of [['init', '-q'], ['add', '-A'], ['-c', 'user.name=edgelab', '-c', 'user.email=edgelab@example.invalid', 'commit', '-qm', 'fleet pipeline']]) {
    const git = await sh('git', args, repo);
    expect(git.code, git.output).toBe(0);
  }
}, 120_000);

afterAll(async () => {
  for (const dir of [repo, stateRoot, gitlabHome]) if (dir) await rm(dir, { recursive: true, force: true });
});

const fleetWorkspace = () => path.join(repo, 'edgelab-out', 'fleet', 'workspace');

/**
 * edgelab on the merged workspace the fan-in left as its artifact, as a reviewer who downloaded it
 * would run it: on another machine (a state folder of its own, which remembers no head of that path;
 * the second pipeline leaves a new workspace at the same path).
 */
function onArtifact(args: string[]) {
  return runCli([...args, '--workspace', fleetWorkspace()], { env: { EDGELAB_STATE_DIR: reviewerState } });
}
let reviewerState = '';

describe('the generated GitLab pipeline, run with gitlab-ci-local', () => {
  it('measures the suite on two devices in parallel jobs, merges their bundles into one verified workspace and names both units in the fleet report', async () => {
    const run = await pipeline(`EDGELAB_BUNDLE_KEY=${stateRoot}/$EDGELAB_DEVICE.key`, 'EDGELAB_ALLOWED_SIGNERS=perf/allowed_signers');
    expect(run.code, run.output).toBe(0);
    for (const device of DEVICES) expect(run.output).toMatch(new RegExp(`PASS\\s+measure: \\[${device},\\]`));
    expect(run.output).toMatch(/PASS\s+fleet/);
    // Not a Jetson: the pin step says it left the power mode alone, and keeps that note beside the bundle.
    expect(run.output).toContain('not a Jetson, so the power mode and clocks are left as they are (not pinned)');
    expect(await readFile(path.join(repo, 'edgelab-out', 'dev-a', 'power-state.txt'), 'utf8')).toContain('not pinned');
    expect(run.output).toContain('dev-a: every target passed');
    expect(run.output).toContain('dev-b: every target passed');

    reviewerState = newStateDir();
    const verify = await onArtifact(['runs', 'verify']);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    const list = await onArtifact(['runs', 'list', '--json']);
    expect(list.code, list.stderr).toBe(0);
    const ids = (JSON.parse(list.stdout) as { id: string }[]).map((r) => r.id);
    expect(ids).toHaveLength(2);
    const units = await Promise.all(ids.map(async (id) => {
      const shown = await onArtifact(['runs', 'show', id, '--json']);
      expect(shown.code, shown.stderr).toBe(0);
      return (JSON.parse(shown.stdout) as { hardware: { unit: { id: string } } }).hardware.unit.id;
    }));
    expect(units.sort()).toEqual(DEVICES);
    const report = await readFile(path.join(repo, 'edgelab-out', 'fleet', 'fleet-report.md'), 'utf8');
    // The report's matrix has a row per unit, each run told apart as merged from a bundle and by
    // whether the repository's allowed-signers file trusts the key that signed it.
    const row = (device: string, evidence: string) => new RegExp(`^\\| ${device} \\(simulated on this machine\\) \\(${device}\\) \\|.*\\| ${evidence} \\|`, 'm');
    expect(report).toMatch(row('dev-a', 'merged, signed by dev-a@bench'));
    // dev-b's key is not in the file: its runs count no more than unsigned ones.
    expect(report).toMatch(row('dev-b', 'merged, (unsigned|signed by dev-b@bench \\(key not trusted here\\))'));
    expect(report).toContain('2 cells from 2 runs on 2 units of 1 hardware kind');
    // Each device's JUnit came through the artifacts too.
    for (const device of DEVICES) expect(await readFile(path.join(repo, 'edgelab-out', device, 'junit.xml'), 'utf8')).toContain('<testsuite');
  }, 240_000);

  it('fails the fan-in on a planted impossible target, after merging and reporting what was measured', async () => {
    await rm(path.join(repo, 'edgelab-out'), { recursive: true, force: true });
    const run = await pipeline('EDGELAB_SUITE=perf/impossible.yaml');
    expect(run.code, run.output).not.toBe(0);
    expect(run.output).toMatch(/FAIL\s+fleet/);
    expect(run.output).toContain('dev-a: a target failed (exit 1');
    expect(run.output).toContain('dev-b: a target failed (exit 1');
    // The evidence of the failure was merged and verified before the gate said no.
    reviewerState = newStateDir();
    const verify = await onArtifact(['runs', 'verify']);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    const list = await onArtifact(['runs', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toHaveLength(2);
    expect(await readFile(path.join(repo, 'edgelab-out', 'dev-b', 'suite-exit-code'), 'utf8')).toBe('1\n');
  }, 240_000);
});
