import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './cli.js';

export interface Answer<T> {
  status: number;
  value?: T;
  error?: { kind: string; message: string; hint?: string };
  /** The response body as sent, for what it must not contain. */
  body: string;
}

export interface LabServer {
  call<T>(method: string, args: unknown, timeoutMs?: number): Promise<Answer<T>>;
  /** A GET of one of the server's paths (`/api/accuracy-image?…`) with the token, as an <img> makes it. */
  get(pathAndQuery: string): Promise<Response>;
  stop(): Promise<void>;
}

/** A real `edgelab serve` child process on a free port, and LabApi calls to it as the app makes them. */
export async function startLabServer(workspace: string): Promise<LabServer> {
  const server: ChildProcess = spawn(process.execPath, [path.join(repoRoot, 'bin', 'edgelab.js'), 'serve', '--port', '0', '--workspace', workspace], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    server.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Open (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(new URL(match[1]));
    });
    server.once('exit', (code) => reject(new Error(`edgelab serve exited with ${code}: ${out}`)));
  });
  const token = url.searchParams.get('token') ?? '';
  return {
    async call<T>(method: string, args: unknown, timeoutMs = 30_000): Promise<Answer<T>> {
      const res = await fetch(new URL(`/api/${method}`, url.origin), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-edgelab-token': token },
        body: JSON.stringify(args),
        // A request that hangs fails the test instead of holding it.
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = await res.text();
      return { status: res.status, body, ...(JSON.parse(body) as Omit<Answer<T>, 'status' | 'body'>) };
    },
    get(pathAndQuery: string): Promise<Response> {
      return fetch(new URL(pathAndQuery, url.origin), { headers: { 'x-edgelab-token': token }, signal: AbortSignal.timeout(30_000) });
    },
    async stop() {
      if (server.exitCode !== null) return;
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGINT');
      await exited;
    },
  };
}
