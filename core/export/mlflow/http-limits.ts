import { LabError } from '../../api/errors.js';

/**
 * How long one MLflow request may take and how much of an answer is read. A tracking server that
 * stops answering must not hang a CI job, and one that streams without end (a misrouted URL, a
 * proxy's error page looping) must not exhaust memory. The timeout honours MLflow's own client
 * variable, with its default; the cap is far above any answer the REST API gives (a runs/search
 * page of 1000 runs is a few MB).
 */
export interface MlflowHttpLimits {
  timeoutMs: number;
  maxResponseBytes: number;
}

export const DEFAULT_MLFLOW_TIMEOUT_S = 120;
export const DEFAULT_MLFLOW_MAX_RESPONSE_MB = 64;
export const TIMEOUT_VARIABLE = 'MLFLOW_HTTP_REQUEST_TIMEOUT';
export const MAX_RESPONSE_VARIABLE = 'EDGELAB_MLFLOW_MAX_RESPONSE_MB';

export function mlflowHttpLimits(env: NodeJS.ProcessEnv): MlflowHttpLimits {
  return {
    timeoutMs: positive(env, TIMEOUT_VARIABLE, DEFAULT_MLFLOW_TIMEOUT_S, 'seconds, e.g. 300') * 1000,
    maxResponseBytes: Math.round(positive(env, MAX_RESPONSE_VARIABLE, DEFAULT_MLFLOW_MAX_RESPONSE_MB, 'MiB, e.g. 256') * 1024 * 1024),
  };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number, unit: string): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new LabError('usage', `${name}=${raw}: not a positive number.`, `Set ${name} in ${unit}, or unset it for the default (${fallback}).`);
  }
  return value;
}

export class ResponseTooLarge extends Error {}

/**
 * The answer's body, read until the cap and no further: the stream is cancelled at the cap, so an
 * endless body costs at most the cap in memory. The request's timeout signal also ends the read.
 */
export async function readCapped(response: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new ResponseTooLarge(`${declared} bytes declared`);
  }
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLarge(`more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
