import { mkdtempSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Workspace } from '../../core/evidence/index.js';
import { LabService } from '../../core/lab/lab-service.js';
import { allowedHosts } from '../../core/server/allowed-hosts.js';
import { startLabServer } from '../../core/server/lab-server.js';

function get(port: number, rawPath: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; location: string | undefined }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function lab(): Promise<LabService> {
  return new LabService({ workspace: await Workspace.open(mkdtempSync(path.join(tmpdir(), 'edgelab-harden-ws-'))), launchRunner: () => { throw new Error('no runs here'); } });
}

describe('edgelab serve, hardened', () => {
  test('the token redirect goes to / only, whatever path carried the token', async () => {
    const server = await startLabServer({ lab: await lab(), port: 0, host: '127.0.0.1', rendererDir: path.join(tmpdir(), 'no-bundle') });
    try {
      for (const p of [`//evil.example/?token=${server.token}`, `/\\evil.example?token=${server.token}`, `/runs?x=1&token=${server.token}`]) {
        const res = await get(server.port, p);
        expect(res.status, p).toBe(303);
        expect(res.location, p).toBe('/');
      }
    } finally {
      await server.close();
    }
  });

  test('a failed start (port in use) leaves no temp folder behind', async () => {
    const first = await startLabServer({ lab: await lab(), port: 0, host: '127.0.0.1', rendererDir: path.join(tmpdir(), 'no-bundle') });
    const scratch = mkdtempSync(path.join(tmpdir(), 'edgelab-harden-tmp-'));
    const second = await lab();
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = scratch;
    try {
      await expect(startLabServer({ lab: second, port: first.port, host: '127.0.0.1', rendererDir: scratch })).rejects.toThrow(/already in use/);
      expect(readdirSync(scratch)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      await first.close();
    }
  });

  test('a --host that is no address of this machine is a usage error (exit 2), and leaves nothing behind', async () => {
    await expect(startLabServer({ lab: await lab(), port: 0, host: '999.1.1.1', rendererDir: tmpdir() })).rejects.toMatchObject({ kind: 'usage', message: expect.stringContaining('Cannot listen on 999.1.1.1:0') });
  });

  test('bound to 0.0.0.0 it answers on the machine\'s addresses, and still not on a rebinding name', () => {
    const hosts = allowedHosts(8765, '0.0.0.0', ['127.0.0.1', '192.168.1.20', 'fe80::1']);
    expect(hosts.has('192.168.1.20:8765')).toBe(true);
    expect(hosts.has('[fe80::1]:8765')).toBe(true);
    expect(hosts.has('evil.example:8765')).toBe(false);
    expect(allowedHosts(8765, '127.0.0.1', ['192.168.1.20']).has('192.168.1.20:8765')).toBe(false);
  });
});
