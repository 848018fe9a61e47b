import { LabError } from '../../api/errors.js';
import { parseTrackingUri, trackingAuthorization } from './tracking-auth.js';
import { MAX_RESPONSE_VARIABLE, mlflowHttpLimits, readCapped, ResponseTooLarge, TIMEOUT_VARIABLE, type MlflowHttpLimits } from './http-limits.js';

/** MLflow's entities as the REST API 2.0 spells them (snake_case on the wire). */
export interface MlflowKeyValue {
  key: string;
  value: string;
}
export interface MlflowMetric {
  key: string;
  value: number;
  /** Milliseconds since the epoch. */
  timestamp: number;
  step: number;
}
export interface MlflowRunInfo {
  run_id: string;
  experiment_id: string;
  status?: string;
  artifact_uri?: string;
  lifecycle_stage?: string;
}
export interface MlflowRun {
  info: MlflowRunInfo;
  data?: { tags?: MlflowKeyValue[] };
}
export type MlflowRunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';

export interface MlflowClientOptions {
  env: NodeJS.ProcessEnv;
  /** Substituted in tests that count calls; defaults to the global fetch. */
  fetch?: typeof fetch;
}

// A request body quoted in an error is cut here: a log-batch of 1000 metrics is ~60 kB.
const QUOTED_BODY_CHARS = 600;

/**
 * The few MLflow REST API 2.0 endpoints an export needs, each one call. A non-2xx answer becomes a
 * LabError that quotes the request (method, path, body) and the server's `error_code` and
 * `message`, so a refused export can be reproduced with curl. The Authorization header is never
 * quoted.
 */
export class MlflowRestClient {
  readonly baseUrl: URL;
  private readonly authorization: string | null;
  private readonly fetchImpl: typeof fetch;
  private readonly limits: MlflowHttpLimits;

  constructor(trackingUri: string, options: MlflowClientOptions) {
    this.baseUrl = parseTrackingUri(trackingUri);
    this.authorization = trackingAuthorization(options.env);
    this.fetchImpl = options.fetch ?? fetch;
    this.limits = mlflowHttpLimits(options.env);
  }

  /** The experiment, or null when the server answers RESOURCE_DOES_NOT_EXIST. */
  async getExperimentByName(name: string): Promise<{ experiment_id: string; name: string; lifecycle_stage?: string } | null> {
    const answer = await this.request<{ experiment: { experiment_id: string; name: string; lifecycle_stage?: string } }>(
      'GET', `/api/2.0/mlflow/experiments/get-by-name?experiment_name=${encodeURIComponent(name)}`, undefined, { notFoundIsNull: true });
    return answer?.experiment ?? null;
  }

  async createExperiment(name: string, tags: MlflowKeyValue[]): Promise<string> {
    const answer = await this.request<{ experiment_id: string }>('POST', '/api/2.0/mlflow/experiments/create', { name, tags });
    return required(answer, 'experiment_id', 'experiments/create');
  }

  async createRun(body: { experiment_id: string; run_name: string; start_time: number; tags: MlflowKeyValue[] }): Promise<MlflowRunInfo> {
    const answer = await this.request<{ run: MlflowRun }>('POST', '/api/2.0/mlflow/runs/create', body);
    if (!answer?.run?.info?.run_id) throw this.malformed('runs/create', 'run.info.run_id');
    return answer.run.info;
  }

  async logBatch(body: { run_id: string; metrics: MlflowMetric[]; params: MlflowKeyValue[]; tags: MlflowKeyValue[] }): Promise<void> {
    await this.request('POST', '/api/2.0/mlflow/runs/log-batch', body);
  }

  async updateRun(body: { run_id: string; status: MlflowRunStatus; end_time: number }): Promise<void> {
    await this.request('POST', '/api/2.0/mlflow/runs/update', body);
  }

  async deleteRun(runId: string): Promise<void> {
    await this.request('POST', '/api/2.0/mlflow/runs/delete', { run_id: runId });
  }

  /** Active runs of an experiment matching an MLflow search filter, all pages. */
  async searchRuns(experimentId: string, filter: string): Promise<MlflowRun[]> {
    const runs: MlflowRun[] = [];
    let pageToken: string | undefined;
    do {
      const answer = await this.request<{ runs?: MlflowRun[]; next_page_token?: string }>('POST', '/api/2.0/mlflow/runs/search', {
        experiment_ids: [experimentId],
        filter,
        run_view_type: 'ACTIVE_ONLY',
        max_results: 1000,
        ...(pageToken ? { page_token: pageToken } : {}),
      });
      runs.push(...(answer?.runs ?? []));
      pageToken = answer?.next_page_token || undefined;
    } while (pageToken);
    return runs;
  }

  /**
   * Uploads one file through the tracking server's artifact proxy (`mlflow server` with
   * --serve-artifacts, the default since MLflow 2.0): PUT /api/2.0/mlflow-artifacts/artifacts/<path>,
   * where <path> is the run's `mlflow-artifacts:` artifact URI without its scheme, plus the file's path.
   */
  async uploadArtifact(artifactUri: string, relativePath: string, content: Buffer | string, mediaType: string): Promise<void> {
    const root = proxiedArtifactPath(artifactUri);
    const path = [...root.split('/'), ...relativePath.split('/')].filter((p) => p !== '').map(encodeURIComponent).join('/');
    await this.request('PUT', `/api/2.0/mlflow-artifacts/artifacts/${path}`, content, { contentType: mediaType });
  }

  private async request<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, options: { notFoundIsNull?: boolean; contentType?: string } = {}): Promise<T | null> {
    // The server may sit under a path prefix (http://host/mlflow); '/' alone is no prefix.
    const url = new URL(this.baseUrl.pathname.replace(/\/+$/, '') + path, this.baseUrl);
    const headers: Record<string, string> = {};
    if (this.authorization) headers['Authorization'] = this.authorization;
    let payload: string | Buffer | undefined;
    if (body !== undefined) {
      const raw = typeof body === 'string' || Buffer.isBuffer(body);
      payload = raw ? body : JSON.stringify(body);
      headers['Content-Type'] = options.contentType ?? 'application/json';
    }
    const quoted = `${method} ${url.pathname}${url.search}${payload !== undefined ? ` ${quoteBody(payload, options.contentType)}` : ''}`;
    // One deadline for the whole exchange: connecting, sending, the headers and the body.
    const signal = AbortSignal.timeout(this.limits.timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(url, { method, headers, signal, ...(payload !== undefined ? { body: payload } : {}) });
      text = (await readCapped(response, this.limits.maxResponseBytes)).toString('utf8');
    } catch (e) {
      throw this.transportError(e, signal, quoted);
    }
    if (response.ok) return this.parseAnswer<T>(text, response, quoted);
    const error = parseError(text);
    if (options.notFoundIsNull && response.status === 404 && (error.code === 'RESOURCE_DOES_NOT_EXIST' || error.code === null)) return null;
    throw new LabError('unavailable',
      `MLflow server ${this.baseUrl.href} answered ${response.status}${error.code ? ` ${error.code}` : ''}: ${error.message || response.statusText} — to the request ${quoted}`,
      adviceFor(response.status), { cause: { status: response.status, body: text } });
  }

  /** A 2xx answer is JSON (an empty body counts as `{}`); anything else is not an MLflow tracking server answering. */
  private parseAnswer<T>(text: string, response: Response, quoted: string): T {
    if (text.trim() === '') return {} as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      const kind = response.headers.get('content-type') ?? 'no Content-Type';
      const start = text.slice(0, 120).replace(/\s+/g, ' ').trim();
      throw new LabError('unavailable',
        `MLflow server ${this.baseUrl.href} answered ${response.status} with ${kind}, not JSON ("${start}${text.length > 120 ? '…' : ''}") — to the request ${quoted}`,
        `An HTML page usually means the URL reaches a login page, a proxy or the MLflow UI at another path, not the tracking server's REST API. Give the URL \`mlflow server\` listens on (e.g. http://HOST:5000, with the path prefix if it is served under one) as --tracking-uri. ${UNCHANGED}`);
    }
  }

  private transportError(e: unknown, signal: AbortSignal, quoted: string): LabError {
    if (e instanceof ResponseTooLarge) {
      return new LabError('unavailable', `MLflow server ${this.baseUrl.href} sent an answer larger than ${mib(this.limits.maxResponseBytes)} (${e.message}); edgelab stopped reading it — to the request ${quoted}`,
        `MLflow's REST answers are a few kB to a few MB: is --tracking-uri the tracking server, and not a file or a stream? For a server whose answers are truly larger, raise ${MAX_RESPONSE_VARIABLE} (MiB). ${UNCHANGED}`, { cause: e });
    }
    if (signal.aborted) {
      return new LabError('unavailable', `MLflow server ${this.baseUrl.href} did not answer within ${this.limits.timeoutMs / 1000} s (${TIMEOUT_VARIABLE}) — to the request ${quoted}`,
        `Check that \`mlflow server\` is up and not stuck (its UI at ${this.baseUrl.href} should load). For a slow server or a large upload, raise ${TIMEOUT_VARIABLE} (seconds). ${UNCHANGED}`, { cause: e });
    }
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return new LabError('unavailable', `Cannot reach the MLflow tracking server at ${this.baseUrl.href}: ${cause?.code ?? cause?.message ?? (e as Error).message} (request: ${quoted}).`,
      'Check the URL and that `mlflow server` is running and reachable from here. Nothing in the workspace changed.', { cause: e });
  }

  private malformed(endpoint: string, field: string): LabError {
    return new LabError('unavailable', `MLflow server ${this.baseUrl.href} answered ${endpoint} without ${field}.`, 'Is --tracking-uri an MLflow tracking server (REST API 2.0)?');
  }
}

function required<T extends object, K extends keyof T>(answer: T | null, key: K, endpoint: string): NonNullable<T[K]> {
  const value = answer?.[key];
  if (value === undefined || value === null) throw new LabError('unavailable', `MLflow answered ${endpoint} without ${String(key)}.`, 'Is --tracking-uri an MLflow tracking server (REST API 2.0)?');
  return value as NonNullable<T[K]>;
}

/** `mlflow-artifacts:/1/abc/artifacts` or `mlflow-artifacts://host:5000/1/abc/artifacts` → `1/abc/artifacts`. */
export function proxiedArtifactPath(artifactUri: string): string {
  const m = /^mlflow-artifacts:(?:\/\/[^/]*)?\/?(.*)$/.exec(artifactUri);
  if (!m) {
    throw new LabError('unavailable', `The MLflow server stores this run's artifacts at ${artifactUri}, which it does not proxy, so edgelab cannot upload the record, report and trace there.`,
      'Start the tracking server with artifact proxying (`mlflow server --serve-artifacts`, the default since MLflow 2.0) so runs get mlflow-artifacts:/ URIs.');
  }
  return (m[1] ?? '').replace(/\/+$/, '');
}

function parseError(text: string): { code: string | null; message: string } {
  try {
    const json = JSON.parse(text) as { error_code?: unknown; message?: unknown };
    return { code: typeof json.error_code === 'string' ? json.error_code : null, message: typeof json.message === 'string' ? json.message : text.slice(0, 300) };
  } catch {
    return { code: null, message: text.slice(0, 300).trim() };
  }
}

function quoteBody(payload: string | Buffer, contentType: string | undefined): string {
  if (contentType && contentType !== 'application/json') return `(${Buffer.byteLength(payload)} bytes of ${contentType})`;
  const text = payload.toString();
  return text.length > QUOTED_BODY_CHARS ? `${text.slice(0, QUOTED_BODY_CHARS)}… (${text.length} chars)` : text;
}

const UNCHANGED = 'Nothing in the workspace changed; runs exported before this one stay exported, and a rerun skips them.';

function mib(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
}

function adviceFor(status: number): string {
  const unchanged = UNCHANGED;
  if (status === 401 || status === 403) return `Set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, to credentials this server accepts. ${unchanged}`;
  if (status === 404) return `Is --tracking-uri the MLflow server's root URL (without /api/…)? ${unchanged}`;
  return unchanged;
}
