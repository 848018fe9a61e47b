import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Workspace } from '../../core/evidence/index.js';
import { LabService } from '../../core/lab/lab-service.js';
import { forkRunner } from '../../core/runner/fork-runner.js';
import { startLabServer, type LabServer } from '../../core/server/lab-server.js';

// Raw node:http requests: fetch would normalise `..` in paths and refuse to set Host.
function get(port: number, rawPath: string, headers: Record<string, string> = {}, method = 'GET', body?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const root = mkdtempSync(path.join(tmpdir(), 'edgelab-serve-'));
const rendererDir = path.join(root, 'site', 'renderer');
const SECRET = 'not-for-the-browser';
let server: LabServer;
let lab: LabService;
let auth: Record<string, string>;

beforeAll(async () => {
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>lab ui</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("ui")');
  writeFileSync(path.join(rendererDir, '.env'), SECRET);
  writeFileSync(path.join(root, 'secret.txt'), SECRET);
  symlinkSync(path.join(root, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));
  lab = new LabService({ workspace: await Workspace.open(path.join(root, 'ws')), launchRunner: forkRunner });
  server = await startLabServer({ lab, port: 0, host: '127.0.0.1', rendererDir });
  auth = { 'x-edgelab-token': server.token };
});
afterAll(async () => {
  await server.close();
  await lab.close();
});

describe('the access token', () => {
  test('is printed in the URL with the port', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  test('requests without it are refused with 401, a wrong one with 403', async () => {
    expect((await get(server.port, '/')).status).toBe(401);
    expect((await get(server.port, '/api/providers', { 'content-type': 'application/json' }, 'POST', '{}')).status).toBe(401);
    expect((await get(server.port, '/api/events')).status).toBe(401);
    expect((await get(server.port, '/', { 'x-edgelab-token': 'guess' })).status).toBe(403);
    expect((await get(server.port, '/?token=guess')).status).toBe(403);
  });

  test('the printed URL sets an HttpOnly SameSite cookie and drops the token from the address', async () => {
    const res = await get(server.port, `/?token=${server.token}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain(`edgelab-token-${server.port}=${server.token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await get(server.port, '/', { cookie: `edgelab-token-${server.port}=${server.token}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('lab ui');
  });
});

describe('the Host header', () => {
  test('a rebinding name or another port is refused even with the token', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '127.0.0.1']) {
      const res = await get(server.port, '/', { ...auth, host });
      expect(res.status, host).toBe(403);
    }
  });

  test('the loopback names are served', async () => {
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `[::1]:${server.port}`]) {
      expect((await get(server.port, '/', { ...auth, host })).status, host).toBe(200);
    }
  });
});

describe('files', () => {
  test('the UI bundle is served with a CSP without unsafe-eval', async () => {
    const res = await get(server.port, '/assets/app.js', auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/javascript');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  test.each([
    '/../secret.txt',
    '/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/%2E%2E/secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/assets/..%2f..%2f..%2fsecret.txt',
    '/..%5c..%5csecret.txt',
    '/%252e%252e/secret.txt',
    '/assets/link.txt',
    '/.env',
    '/reports/../../secret.txt',
    '/reports/%2e%2e%2fsecret.txt',
    '/assets/app.js%00.html',
  ])('%s is refused', async (rawPath) => {
    const res = await get(server.port, rawPath, auth);
    expect(res.status).toBe(404);
    expect(res.body).not.toContain(SECRET);
  });
});

describe('the API', () => {
  test('a call without a JSON content type, an unknown method and bad arguments are named errors', async () => {
    const plain = await get(server.port, '/api/providers', { ...auth, 'content-type': 'text/plain' }, 'POST', '{}');
    expect(plain.status).toBe(400);
    const unknown = await get(server.port, '/api/deleteEverything', { ...auth, 'content-type': 'application/json' }, 'POST', '{}');
    expect(JSON.parse(unknown.body).error.message).toContain('deleteEverything');
    const bad = await get(server.port, '/api/run', { ...auth, 'content-type': 'application/json' }, 'POST', '{"id": 5}');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toContain('id');
  });

  test('a POST from another origin is refused', async () => {
    const res = await get(server.port, '/api/verify', { ...auth, 'content-type': 'application/json', origin: 'http://evil.example' }, 'POST', '{}');
    expect(res.status).toBe(403);
  });
});
