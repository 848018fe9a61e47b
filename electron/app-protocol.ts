import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { missingBundlePage } from '../core/server/missing-bundle-page.js';
import { UI_CONTENT_SECURITY_POLICY } from '../core/server/content-security-policy.js';
import { mediaTypeOf, resolveInside } from '../core/server/static-files.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

export { APP_ORIGIN, APP_SCHEME, APP_URL } from './app-origin.js';

/** Must run before the app is ready: a standard, secure scheme gets an origin, fetch and storage. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * Serves the UI bundle at edgelab://lab/ instead of file://, so the page has its own origin (the
 * IPC handlers check it), a CSP header, and no reach into the file system: the same confinement
 * as `edgelab serve` (resolveInside).
 */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const headers = { 'Content-Security-Policy': UI_CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404, headers });
    const index = await resolveInside(rendererDir, 'index.html');
    if (!index) return new Response(missingBundlePage(rendererDir), { headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
    const file = url.pathname === '/' ? index : ((await resolveInside(rendererDir, url.pathname)) ?? (path.posix.basename(url.pathname).includes('.') ? null : index));
    if (!file) return new Response('Not found', { status: 404, headers });
    return new Response(new Uint8Array(await readFile(file)), { headers: { ...headers, 'Content-Type': mediaTypeOf(file) } });
  });
}
