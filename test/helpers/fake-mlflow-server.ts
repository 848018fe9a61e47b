import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server that answers the MLflow REST API 2.0 endpoints an export uses, the way
 * MLflow's REST documentation specifies them (request and response fields, error_code values,
 * runs/log-batch's request limits), and records every request. No MLflow server can be installed on
 * the CI machines (no Python package index is reachable there), so the exporter is tested against
 * this stand-in; it implements only the search filter form the exporter sends, and refuses others.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: Buffer;
  json: unknown;
}

interface FakeRun {
  info: { run_id: string; run_uuid: string; experiment_id: string; run_name: string; status: string; start_time: number; end_time?: number; artifact_uri: string; lifecycle_stage: 'active' | 'deleted' };
  tags: Map<string, string>;
  params: Map<string, string>;
  metrics: Array<{ key: string; value: number; timestamp: number; step: number }>;
}

export interface FakeMlflowOptions {
  /** When set, every request must carry exactly this Authorization header, else 401. */
  requireAuthorization?: string;
  /** Answer this request (matched on "METHOD /path" prefix) with a 500, `times` times. */
  failOn?: { request: string; times: number; status?: number; errorCode?: string; message?: string };
}

export class FakeMlflowServer {
  readonly requests: RecordedRequest[] = [];
  readonly experiments = new Map<string, { experiment_id: string; name: string; lifecycle_stage: string; tags: unknown }>();
  readonly runs = new Map<string, FakeRun>();
  readonly artifacts = new Map<string, Buffer>();
  private server: Server | undefined;
  private nextId = 1;

  readonly options: FakeMlflowOptions;

  constructor(options: FakeMlflowOptions = {}) {
    this.options = options;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  activeRuns(): FakeRun[] {
    return [...this.runs.values()].filter((r) => r.info.lifecycle_stage === 'active');
  }

  calls(request: string): RecordedRequest[] {
    return this.requests.filter((r) => `${r.method} ${r.path}`.startsWith(request));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://localhost');
    let json: unknown = null;
    if (req.headers['content-type'] === 'application/json' && body.length) json = JSON.parse(body.toString('utf8'));
    this.requests.push({ method: req.method ?? '', path: url.pathname + url.search, authorization: req.headers.authorization, contentType: req.headers['content-type'], body, json });

    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    const fail = (status: number, error_code: string, message: string) => send(status, { error_code, message });
    if (this.options.requireAuthorization !== undefined && req.headers.authorization !== this.options.requireAuthorization) {
      res.writeHead(401, { 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Basic realm="mlflow"' });
      res.end('You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html#authenticating-to-mlflow on how to authenticate.');
      return;
    }
    const injected = this.options.failOn;
    if (injected && injected.times > 0 && `${req.method} ${url.pathname}`.startsWith(injected.request)) {
      injected.times--;
      return fail(injected.status ?? 500, injected.errorCode ?? 'INTERNAL_ERROR', injected.message ?? 'database is locked');
    }
    const b = (json ?? {}) as Record<string, unknown>;
    const route = `${req.method} ${url.pathname}`;

    if (route === 'GET /api/2.0/mlflow/experiments/get-by-name') {
      const name = url.searchParams.get('experiment_name') ?? '';
      const experiment = this.experiments.get(name);
      return experiment ? send(200, { experiment }) : fail(404, 'RESOURCE_DOES_NOT_EXIST', `Could not find experiment with name '${name}'`);
    }
    if (route === 'POST /api/2.0/mlflow/experiments/create') {
      const name = String(b['name'] ?? '');
      if (!name) return fail(400, 'INVALID_PARAMETER_VALUE', "Missing value for required parameter 'name'.");
      if (this.experiments.has(name)) return fail(400, 'RESOURCE_ALREADY_EXISTS', `Experiment '${name}' already exists.`);
      const experiment_id = String(this.nextId++);
      this.experiments.set(name, { experiment_id, name, lifecycle_stage: 'active', tags: b['tags'] ?? [] });
      return send(200, { experiment_id });
    }
    if (route === 'POST /api/2.0/mlflow/runs/create') {
      const experiment_id = String(b['experiment_id'] ?? '');
      if (![...this.experiments.values()].some((e) => e.experiment_id === experiment_id)) return fail(404, 'RESOURCE_DOES_NOT_EXIST', `No Experiment with id=${experiment_id} exists`);
      const run_id = `run${this.nextId++}`.padEnd(32, '0');
      const tags = new Map((b['tags'] as Array<{ key: string; value: string }> | undefined ?? []).map((t) => [t.key, t.value]));
      if (typeof b['run_name'] === 'string') tags.set('mlflow.runName', b['run_name']);
      const run: FakeRun = {
        info: { run_id, run_uuid: run_id, experiment_id, run_name: String(b['run_name'] ?? ''), status: 'RUNNING', start_time: Number(b['start_time']), artifact_uri: `mlflow-artifacts:/${experiment_id}/${run_id}/artifacts`, lifecycle_stage: 'active' },
        tags, params: new Map(), metrics: [],
      };
      this.runs.set(run_id, run);
      return send(200, { run: this.view(run) });
    }
    if (route === 'POST /api/2.0/mlflow/runs/log-batch') {
      const run = this.runs.get(String(b['run_id']));
      if (!run) return fail(404, 'RESOURCE_DOES_NOT_EXIST', `Run '${String(b['run_id'])}' not found`);
      const metrics = (b['metrics'] ?? []) as FakeRun['metrics'];
      const params = (b['params'] ?? []) as Array<{ key: string; value: string }>;
      const tags = (b['tags'] ?? []) as Array<{ key: string; value: string }>;
      // MLflow's wording for the metrics limit (quoted in GitLab's MLflow-compatible API), the same form for the others.
      if (metrics.length > 1000) return fail(400, 'INVALID_PARAMETER_VALUE', `A batch logging request can contain at most 1000 metrics. Got ${metrics.length} metrics. Please split up metrics across multiple requests and try again.`);
      if (params.length > 100) return fail(400, 'INVALID_PARAMETER_VALUE', `A batch logging request can contain at most 100 params. Got ${params.length} params. Please split up params across multiple requests and try again.`);
      if (tags.length > 100) return fail(400, 'INVALID_PARAMETER_VALUE', `A batch logging request can contain at most 100 tags. Got ${tags.length} tags. Please split up tags across multiple requests and try again.`);
      const total = metrics.length + params.length + tags.length;
      if (total > 1000) return fail(400, 'INVALID_PARAMETER_VALUE', `A batch logging request can contain at most 1000 metrics, params, and tags in total. Got ${total} total entities.`);
      for (const m of metrics) {
        if (typeof m.key !== 'string' || typeof m.value !== 'number' || !Number.isInteger(m.timestamp)) return fail(400, 'INVALID_PARAMETER_VALUE', `Invalid metric ${JSON.stringify(m)}`);
      }
      for (const p of params) {
        if (p.value.length > 6000) return fail(400, 'INVALID_PARAMETER_VALUE', `Param value '${p.value.slice(0, 20)}...' had length ${p.value.length}, which exceeded length limit of 6000`);
        const existing = run.params.get(p.key);
        if (existing !== undefined && existing !== p.value) return fail(400, 'INVALID_PARAMETER_VALUE', `Changing param values is not allowed. Param with key='${p.key}' was already logged with value='${existing}' for run ID='${run.info.run_id}'. Attempted logging new value '${p.value}'.`);
        run.params.set(p.key, p.value);
      }
      for (const t of tags) run.tags.set(t.key, t.value);
      run.metrics.push(...metrics.map((m) => ({ key: m.key, value: m.value, timestamp: m.timestamp, step: m.step ?? 0 })));
      return send(200, {});
    }
    if (route === 'POST /api/2.0/mlflow/runs/update') {
      const run = this.runs.get(String(b['run_id']));
      if (!run) return fail(404, 'RESOURCE_DOES_NOT_EXIST', `Run '${String(b['run_id'])}' not found`);
      if (typeof b['status'] === 'string') run.info.status = b['status'];
      if (typeof b['end_time'] === 'number') run.info.end_time = b['end_time'];
      return send(200, { run_info: run.info });
    }
    if (route === 'POST /api/2.0/mlflow/runs/delete') {
      const run = this.runs.get(String(b['run_id']));
      if (!run) return fail(404, 'RESOURCE_DOES_NOT_EXIST', `Run '${String(b['run_id'])}' not found`);
      run.info.lifecycle_stage = 'deleted';
      return send(200, {});
    }
    if (route === 'POST /api/2.0/mlflow/runs/search') {
      const m = /^tags\.`([^`]+)` = '((?:[^'\\]|\\.)*)'$/.exec(String(b['filter'] ?? ''));
      if (!m) return fail(400, 'INVALID_PARAMETER_VALUE', `Invalid filter '${String(b['filter'])}'`);
      const ids = (b['experiment_ids'] ?? []) as string[];
      const viewType = b['run_view_type'] ?? 'ACTIVE_ONLY';
      const found = [...this.runs.values()].filter((r) => ids.includes(r.info.experiment_id) && r.tags.get(m[1] as string) === (m[2] as string).replace(/\\'/g, "'")
        && (viewType === 'ALL' || r.info.lifecycle_stage === (viewType === 'DELETED_ONLY' ? 'deleted' : 'active')));
      // MLflow leaves `runs` out of the answer when nothing matches.
      return send(200, found.length ? { runs: found.map((r) => this.view(r)) } : {});
    }
    if (req.method === 'PUT' && url.pathname.startsWith('/api/2.0/mlflow-artifacts/artifacts/')) {
      this.artifacts.set(decodeURIComponent(url.pathname.slice('/api/2.0/mlflow-artifacts/artifacts/'.length)), body);
      return send(200, {});
    }
    return fail(404, 'ENDPOINT_NOT_FOUND', `No API endpoint ${route}`);
  }

  private view(run: FakeRun) {
    return {
      info: run.info,
      data: {
        tags: [...run.tags].map(([key, value]) => ({ key, value })),
        params: [...run.params].map(([key, value]) => ({ key, value })),
      },
    };
  }
}
