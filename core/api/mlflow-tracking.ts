import { LabError } from './errors.js';

/**
 * Credentials as MLflow's own clients read them: MLFLOW_TRACKING_TOKEN is sent as a Bearer token;
 * otherwise MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD as HTTP Basic (what
 * `mlflow server --app-name basic-auth` checks). Only the environment holds them, never a flag, so
 * they stay out of shell history and CI logs. Plain functions over a URL and an environment, so a
 * face can check them before anything runs (a suite, before it measures).
 */
export function trackingAuthorization(env: Readonly<Record<string, string | undefined>>): string | null {
  const token = env['MLFLOW_TRACKING_TOKEN'];
  if (token) return `Bearer ${token}`;
  const user = env['MLFLOW_TRACKING_USERNAME'];
  const password = env['MLFLOW_TRACKING_PASSWORD'];
  if (user && password !== undefined) return `Basic ${base64Utf8(`${user}:${password}`)}`;
  if (user) {
    throw new LabError('usage', 'MLFLOW_TRACKING_USERNAME is set but MLFLOW_TRACKING_PASSWORD is not.', 'Set both for HTTP Basic authentication, or MLFLOW_TRACKING_TOKEN for a Bearer token.');
  }
  return null;
}

/** `http(s)://host[:port][/prefix]` without a trailing slash; anything else is refused by name. */
export function parseTrackingUri(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new LabError('usage', `--tracking-uri ${value}: not a URL.`, 'Give the MLflow tracking server, e.g. --tracking-uri http://mlflow.internal:5000');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LabError('usage', `--tracking-uri ${value}: edgelab talks to an MLflow tracking server over HTTP(S), not ${url.protocol}.`,
      'MLflow\'s file store is deprecated; start `mlflow server` and give its http:// URL.');
  }
  if (url.username || url.password) {
    throw new LabError('usage', `--tracking-uri: put credentials in MLFLOW_TRACKING_USERNAME/MLFLOW_TRACKING_PASSWORD or MLFLOW_TRACKING_TOKEN, not in the URL.`,
      'A URL with a password ends up in logs and shell history.');
  }
  url.pathname = url.pathname.replace(/\/+$/, '');
  url.search = '';
  url.hash = '';
  return url;
}

/** RFC 7617's credentials encoding (UTF-8, then base64), without Node's Buffer. */
function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
