import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { FakeMlflowServer } from '../helpers/fake-mlflow-server.js';
import { modelPath } from '../helpers/models.js';

// The real CLI on a real ONNX model, measured here. No MLflow server can be installed on the CI
// machines: FakeMlflowServer (in this process) answers as MLflow's REST documentation specifies.
describe('edgelab run --mlflow and edgelab export mlflow|dvc through the real CLI', () => {
  const server = new FakeMlflowServer();
  let uri = '';
  const workspace = mkdtempSync(path.join(tmpdir(), 'edgelab-export-ws-'));
  const env = { EDGELAB_WORKSPACE: workspace };
  let suiteFile = '';

  beforeAll(async () => {
    uri = await server.start();
    const model = await modelPath('tiny-classifier');
    suiteFile = path.join(mkdtempSync(path.join(tmpdir(), 'edgelab-suite-')), 'suite.yaml');
    writeFileSync(suiteFile, `name: export-gate
defaults:
  scenario: { kind: single-stream, warmup: { iterations: 2 }, iterations: 40 }
  telemetry: false
runs:
  - model: ${JSON.stringify(model)}
    label: tiny one thread
    session: { intraOpNumThreads: 1 }
  - model: ${JSON.stringify(model)}
    label: tiny two threads
    session: { intraOpNumThreads: 2 }
    targets: ["p50<=5000ms"]
`);
  });
  afterAll(() => server.stop());

  it('a bad --mlflow URL is refused before anything is measured', async () => {
    const r = await runCli(['run', suiteFile, '--mlflow', 'mlflow-box:5000'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--tracking-uri mlflow-box:5000');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(workspace, 'runs')) ? readdirSync(path.join(workspace, 'runs')) : []).toEqual([]);
  });

  it('run SUITE --mlflow URL records the suite and puts each run in MLflow once', async () => {
    const r = await runCli(['run', suiteFile, '--mlflow', uri, '--experiment', 'ci-gate'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('MLflow: 2 runs in experiment "ci-gate"');
    const runs = server.activeRuns();
    expect(runs.map((x) => x.info.run_name).sort()).toEqual(['tiny one thread', 'tiny two threads']);
    const two = runs.find((x) => x.info.run_name === 'tiny two threads');
    expect(two?.params.get('intra_op_num_threads')).toBe('2');
    expect(two?.tags.get('edgelab.verdict')).toBe('pass');
    expect(two?.metrics.filter((m) => m.key === 'latency_ms')).toHaveLength(40);
    expect([...server.artifacts.keys()].filter((k) => k.includes(two?.info.run_id ?? '-')).map((k) => k.split('/artifacts/')[1]).sort()).toEqual(['edgelab/record.json', 'edgelab/report.html']);

    const again = await runCli(['export', 'mlflow', '--all', '--tracking-uri', uri, '--experiment', 'ci-gate'], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('0 runs exported, 2 already there');
    expect(server.activeRuns()).toHaveLength(2);
  });

  it('run SUITE --mlflow: a refused export keeps the suite recorded and says how to export later (exit 3)', async () => {
    const refusing = new FakeMlflowServer({ failOn: { request: 'GET /api/2.0/mlflow/experiments/get-by-name', times: 1, status: 500, errorCode: 'INTERNAL_ERROR', message: 'database is locked' } });
    const refusingUri = await refusing.start();
    try {
      const r = await runCli(['run', suiteFile, '--mlflow', refusingUri], { env });
      expect(r.code).toBe(3);
      expect(r.stdout).toContain('Suite export-gate');
      expect(r.stderr).toContain('answered 500 INTERNAL_ERROR: database is locked');
      expect(r.stderr).toMatch(/The suite's runs are recorded; export them later with `edgelab export mlflow \S+ \S+ --tracking-uri/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await refusing.stop();
    }
  });

  it('export dvc DIR writes what `dvc metrics show` reads, and a second export changes no byte', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'edgelab-repo-')), 'perf');
    const r = await runCli(['export', 'dvc', dir, '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { runs: Array<{ key: string }>; files: string[] };
    expect(result.runs.map((x) => x.key)).toEqual(['tiny-one-thread', 'tiny-two-threads']);
    const dvcYaml = parse(readFileSync(path.join(dir, 'dvc.yaml'), 'utf8')) as { metrics: string[] };
    expect(dvcYaml.metrics).toEqual(['metrics/tiny-one-thread.json', 'metrics/tiny-two-threads.json']);
    const metrics = JSON.parse(readFileSync(path.join(dir, 'metrics/tiny-two-threads.json'), 'utf8')) as { latency_ms: { p99: number }; iterations: number };
    expect(metrics.iterations).toBe(40);
    expect(metrics.latency_ms.p99).toBeGreaterThan(0);
    const bytes = result.files.map((f) => readFileSync(path.join(dir, f)));
    expect((await runCli(['export', 'dvc', dir], { env })).code).toBe(0);
    expect(result.files.map((f) => readFileSync(path.join(dir, f)))).toEqual(bytes);
  });

  it('bad input: exit 2 with the flag or value named, no stack trace', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['export'], /name a destination/],
      [['export', 'wandb'], /export wandb: not a destination/],
      [['export', 'mlflow', 'latest'], /--tracking-uri/],
      [['export', 'mlflow', 'latest', '--tracking-uri', 'file:///tmp/mlruns'], /not file:/],
      [['export', 'mlflow', '--tracking-uri', uri], /Name the runs to export/],
      [['export', 'mlflow', 'nope', '--tracking-uri', uri], /nope/],
      [['export', 'dvc'], /name the folder/],
      [['export', 'dvc', 'out', '--all'], /--all, --tracking-uri and --experiment are for mlflow/],
      [['run', suiteFile, '--experiment', 'x'], /--experiment is for --mlflow/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(args, { env: { ...env, MLFLOW_TRACKING_URI: '' } });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('an unreachable server is exit 3, naming the URL, and the workspace is as it was', async () => {
    const closed = new FakeMlflowServer();
    const closedUri = await closed.start();
    await closed.stop();
    const ledger = readFileSync(path.join(workspace, 'ledger.jsonl'));
    const r = await runCli(['export', 'mlflow', 'latest', '--tracking-uri', closedUri], { env });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`Cannot reach the MLflow tracking server at ${closedUri}/`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(path.join(workspace, 'ledger.jsonl'))).toEqual(ledger);
  });
});
