import type { DownloadProbe } from './launch-reasons.js';

/**
 * Electron's install.js prints only "TypeError: fetch failed" when a download fails: the cause
 * (no DNS, refused, timed out) is in the error's `cause`, which it drops. One HEAD request to the
 * same server recovers it, so the message can say why.
 */
export async function probeDownloadSource(url: string, timeoutMs = 10_000): Promise<DownloadProbe> {
  try {
    const response = await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    return { reached: true, status: response.status };
  } catch (e) {
    const error = e as Error & { cause?: { code?: string; message?: string } };
    if (error.name === 'TimeoutError') return { reached: false, code: 'TimeoutError', message: `no answer within ${Math.round(timeoutMs / 1000)} s` };
    return { reached: false, code: error.cause?.code, message: error.cause?.message ?? error.message };
  }
}
