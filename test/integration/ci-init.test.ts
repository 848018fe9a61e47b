import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, runCli } from '../helpers/cli.js';

const run = promisify(execFile);
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'edgelab-ci-init-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const GITHUB_FILE = '.github/workflows/edgelab-fleet.yml';

async function init(engine: string, ...flags: string[]) {
  return runCli(['ci', 'init', engine, '--out', dir, ...flags]);
}

/** @action-validator/cli from the project's devDependencies: exit 0 valid, 1 with its JSON errors. */
async function actionValidator(file: string): Promise<{ code: number; output: string }> {
  const bin = path.join(repoRoot, 'node_modules', '.bin', 'action-validator');
  try {
    const { stdout, stderr } = await run(bin, [file]);
    return { code: 0, output: stdout + stderr };
  } catch (e) {
    const failure = e as { code: number; stdout: string; stderr: string };
    return { code: failure.code, output: failure.stdout + failure.stderr };
  }
}

interface GithubStep { name?: string; run?: string; uses?: string }

describe('edgelab ci init', () => {
  it('writes a GitHub workflow that the validator accepts, with a matrix of the devices and the fan-in after it', async () => {
    const result = await init('github', '--devices', 'orin-nx-16g:0,orin-nano-8g', '--suite', 'perf/gate.yaml');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Wrote ${path.join(dir, GITHUB_FILE)}\n`);
    const file = path.join(dir, GITHUB_FILE);
    const validated = await actionValidator(file);
    expect(validated.output).toBe('');
    expect(validated.code).toBe(0);

    const workflow = parse(await readFile(file, 'utf8'));
    expect(workflow.jobs.measure.strategy.matrix.include).toEqual([{ device: 'orin-nx-16g', power_mode: '0' }, { device: 'orin-nano-8g', power_mode: '' }]);
    expect(workflow.jobs.measure['runs-on']).toEqual(['self-hosted', '${{ matrix.device }}']);
    expect(workflow.jobs.fleet.needs).toBe('measure');
    expect(workflow.jobs.fleet.if).toBe('${{ !cancelled() }}');
    expect(workflow.env.EDGELAB_SUITE).toBe('perf/gate.yaml');
    expect(workflow.env.EDGELAB_DEVICES).toBe('orin-nx-16g orin-nano-8g');
    // The runs read the clocks through sudo -n, so their records show the lock the job set.
    expect(workflow.jobs.measure.env.EDGELAB_JETSON_CLOCKS_SUDO).toBe('1');
    // The device job uploads even when its suite failed, so the fan-in sees how it failed.
    const upload = (workflow.jobs.measure.steps as GithubStep[]).find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(upload).toMatchObject({ if: '${{ !cancelled() }}', with: { name: 'edgelab-${{ matrix.device }}', path: 'edgelab-out/' } });
  });

  it('shows the validator is a real check: the same file with a key Actions does not know is rejected', async () => {
    const text = await readFile(path.join(dir, GITHUB_FILE), 'utf8');
    const broken = path.join(dir, 'broken.yml');
    await writeFile(broken, text.replace('    needs: measure\n', '    needs: measure\n    runs_on_typo: [self-hosted]\n'));
    const validated = await actionValidator(broken);
    expect(validated.code).toBe(1);
    expect(validated.output).toContain('runs_on_typo');
  });

  it('writes the GitLab pipeline whose script lines are the GitHub steps\' commands, one for one', async () => {
    const result = await init('gitlab', '--devices', 'orin-nx-16g:0,orin-nano-8g', '--suite', 'perf/gate.yaml');
    expect(result.code).toBe(0);
    const gitlab = parse(await readFile(path.join(dir, '.gitlab-ci.yml'), 'utf8'));
    const github = parse(await readFile(path.join(dir, GITHUB_FILE), 'utf8'));
    expect(gitlab.measure.parallel.matrix).toEqual([{ EDGELAB_DEVICE: 'orin-nx-16g', EDGELAB_POWER_MODE: '0' }, { EDGELAB_DEVICE: 'orin-nano-8g', EDGELAB_POWER_MODE: '' }]);
    expect(gitlab.measure.tags).toEqual(['$EDGELAB_DEVICE']);
    expect(gitlab.fleet.when).toBe('always');
    expect(gitlab.measure.variables.EDGELAB_JETSON_CLOCKS_SUDO).toBe('1');
    expect(gitlab.measure.artifacts.when).toBe('always');
    // GitLab's script items carry the step's name as their first (comment) line.
    const commands = (items: string[]) => items.map((item) => item.split('\n').slice(1).join('\n').trimEnd());
    const runs = (steps: GithubStep[]) => steps.filter((s) => s.run !== undefined).map((s) => (s.run as string).trimEnd());
    expect(commands(gitlab.measure.script)).toEqual(runs(github.jobs.measure.steps));
    expect(commands(gitlab.fleet.script)).toEqual(runs(github.jobs.fleet.steps));
    // And they are the commands of the whole chain: pin, measure, bundle; merge, verify, fleet report, MLflow, gate.
    const all = commands([...gitlab.measure.script, ...gitlab.fleet.script]).join('\n');
    for (const command of ['sudo -n nvpmodel -m "$EDGELAB_POWER_MODE"', 'sudo -n jetson_clocks', '$EDGELAB_CLI run "$EDGELAB_SUITE"', '--junit', '$EDGELAB_CLI runs bundle --all',
      '$EDGELAB_CLI runs merge', '$EDGELAB_CLI runs verify', '$EDGELAB_CLI report --fleet', '$EDGELAB_CLI export mlflow --all', 'exit "$failed"']) {
      expect(all).toContain(command);
    }
  });

  it('refuses to overwrite a workflow file without --force (exit 2, naming it, the file untouched), and replaces it with --force', async () => {
    const file = path.join(dir, '.gitlab-ci.yml');
    await writeFile(file, 'stages: [mine]\n');
    const refused = await init('gitlab');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('.gitlab-ci.yml exists');
    expect(refused.stderr).toContain('--force');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(await readFile(file, 'utf8')).toBe('stages: [mine]\n');
    const forced = await init('gitlab', '--force');
    expect(forced.code).toBe(0);
    expect(parse(await readFile(file, 'utf8')).measure.parallel.matrix).toEqual([{ EDGELAB_DEVICE: 'orin-nx-16g', EDGELAB_POWER_MODE: '0' }]);
  });

  it.each([
    [['jenkins'], 'ci init jenkins: not one of github, gitlab'],
    [['github', '--devices', 'orin:max'], '--devices orin:max: the power mode "max" is not an nvpmodel mode id'],
    [['github', '--devices', 'orin nx'], '--devices orin nx: a runner label'],
    [['github', '--devices', 'a,,b'], '--devices a,,b: an empty entry'],
    [['github', '--devices', 'a,a'], 'each device label may appear once'],
    [['github', '--devices', 'fleet'], '"fleet" names the fan-in job\'s own folder'],
    [['github', '--suite', '../outside.yaml'], '--suite ../outside.yaml: a path inside the repository'],
    [['github', '--suite', '/abs/suite.yaml'], '--suite /abs/suite.yaml: a path inside the repository'],
    [['github', '--suite', 'perf/$(rm -rf).yaml'], 'a path inside the repository'],
  ])('refuses %j with exit 2 and a message naming the value', async (args, message) => {
    const result = await runCli(['ci', 'init', ...args, '--out', path.join(dir, 'never')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses an --out that is a file (exit 2, naming it), and names a folder outside the current one by its whole path', async () => {
    const file = path.join(dir, 'not-a-folder');
    await writeFile(file, 'x');
    const refused = await runCli(['ci', 'init', 'gitlab', '--out', file]);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).toContain(`--out ${file} is a file; --out names the repository folder`);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(await readFile(file, 'utf8')).toBe('x');
    const elsewhere = path.join(dir, 'elsewhere');
    // runCli runs in the checkout: the temporary folder is outside it, so no "../../" path is printed.
    const wrote = await runCli(['ci', 'init', 'github', '--out', elsewhere]);
    expect(wrote.code, wrote.stderr).toBe(0);
    expect(wrote.stdout).toContain(`Wrote ${path.join(elsewhere, GITHUB_FILE)}\n`);
  });

  it('refuses an unknown subcommand and a missing engine', async () => {
    const unknown = await runCli(['ci', 'run', 'github']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown subcommand "run"');
    const missing = await runCli(['ci', 'init']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('expected one CI engine, got none');
  });
});
