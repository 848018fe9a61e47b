import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { MisbehavingServer, type Misbehaviour } from '../helpers/misbehaving-http-server.js';
import { modelPath } from '../helpers/models.js';

// The real CLI against real local HTTP servers that misbehave the ways a wrong or broken
// --tracking-uri does. Each must end in a clear error (exit 3), never a hang or an unbounded read.
describe('MLflow requests have a timeout, a response cap, and refuse an answer that is not JSON', () => {
  const workspace = mkdtempSync(path.join(tmpdir(), 'edgelab-mlflow-limits-'));
  const env = { EDGELAB_WORKSPACE: workspace };
  let server: MisbehavingServer | undefined;
  let suiteFile = '';

  beforeAll(async () => {
    const model = await modelPath('tiny-classifier');
    const bench = await runCli(['bench', model, '--iterations', '20', '--warmup', '1', '--no-telemetry'], { env });
    expect(bench.code, bench.stderr).toBe(0);
    suiteFile = path.join(mkdtempSync(path.join(tmpdir(), 'edgelab-suite-')), 'suite.yaml');
    writeFileSync(suiteFile, `name: mlflow-limits
runs:
  - model: ${JSON.stringify(model)}
    scenario: { kind: single-stream, warmup: { iterations: 1 }, iterations: 20 }
    telemetry: false
`);
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  async function serve(behaviour: Misbehaviour): Promise<string> {
    server = new MisbehavingServer(behaviour);
    return server.start();
  }

  it('a silent server: export mlflow gives up after MLFLOW_HTTP_REQUEST_TIMEOUT, naming it and the request', async () => {
    const uri = await serve('silent');
    const ledger = readFileSync(path.join(workspace, 'ledger.jsonl'));
    const r = await runCli(['export', 'mlflow', 'latest', '--tracking-uri', uri], { env: { ...env, MLFLOW_HTTP_REQUEST_TIMEOUT: '1' } });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(`MLflow server ${uri}/ did not answer within 1 s (MLFLOW_HTTP_REQUEST_TIMEOUT) — to the request GET /api/2.0/mlflow/experiments/get-by-name`);
    expect(r.stderr).toContain('raise MLFLOW_HTTP_REQUEST_TIMEOUT (seconds)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(server?.requests).toBe(1);
    expect(readFileSync(path.join(workspace, 'ledger.jsonl'))).toEqual(ledger);
  });

  it('a silent server: run SUITE --mlflow records the suite, then ends with exit 3 instead of hanging the CI job', async () => {
    const uri = await serve('silent');
    const r = await runCli(['run', suiteFile, '--mlflow', uri], { env: { ...env, MLFLOW_HTTP_REQUEST_TIMEOUT: '1' } });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('did not answer within 1 s (MLFLOW_HTTP_REQUEST_TIMEOUT)');
    expect(r.stderr).toMatch(/The suite's runs are recorded; export them later with `edgelab export mlflow \S+ --tracking-uri/);
  });

  it('an endless body: the read stops at EDGELAB_MLFLOW_MAX_RESPONSE_MB and the connection is dropped', async () => {
    const uri = await serve('endless');
    const r = await runCli(['export', 'mlflow', 'latest', '--tracking-uri', uri], { env: { ...env, EDGELAB_MLFLOW_MAX_RESPONSE_MB: '1' } });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(`MLflow server ${uri}/ sent an answer larger than 1 MiB (more than 1048576 bytes); edgelab stopped reading it`);
    expect(r.stderr).toContain('EDGELAB_MLFLOW_MAX_RESPONSE_MB');
    await server?.clientHungUp;
    expect(server?.clientHangUps).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an HTML page: names the URL, what came back and what to pass instead', async () => {
    const uri = await serve('html');
    const r = await runCli(['export', 'mlflow', 'latest', '--tracking-uri', uri], { env });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(`MLflow server ${uri}/ answered 200 with text/html; charset=utf-8, not JSON ("<!doctype html> <html><head><title>Sign in</title>`);
    expect(r.stderr).toContain('GET /api/2.0/mlflow/experiments/get-by-name');
    expect(r.stderr).toContain('Give the URL `mlflow server` listens on');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['MLFLOW_HTTP_REQUEST_TIMEOUT', 'soon'],
    ['MLFLOW_HTTP_REQUEST_TIMEOUT', '0'],
    ['EDGELAB_MLFLOW_MAX_RESPONSE_MB', '-5'],
  ])('a malformed %s=%s is a usage error naming the variable (exit 2)', async (name, value) => {
    const uri = await serve('html');
    const r = await runCli(['export', 'mlflow', 'latest', '--tracking-uri', uri], { env: { ...env, [name]: value } });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${name}=${value}: not a positive number.`);
    expect(server?.requests).toBe(0);
  });
});
