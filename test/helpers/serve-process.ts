import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { LabEvent } from '../../core/api/lab-api.js';
import { repoRoot } from './cli.js';

/**
 * A real `edgelab serve` process on a free port, with its LabApi over HTTP and its server-sent
 * events collected from the moment it starts, so a test can wait for an event instead of a time.
 */
export class ServeProcess {
  readonly events: LabEvent[] = [];
  private waiters: Array<() => void> = [];
  private stream: ReadableStreamDefaultReader<Uint8Array> | undefined;

  private constructor(readonly child: ChildProcess, readonly url: URL) {}

  static async start(workspace: string, env: NodeJS.ProcessEnv): Promise<ServeProcess> {
    const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'edgelab.js'), 'serve', '--port', '0', '--workspace', workspace], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<URL>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Open (http:\/\/\S+)/.exec(out);
        if (match?.[1]) resolve(new URL(match[1]));
      });
      child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`edgelab serve exited with ${code}: ${err || out}`)));
    });
    const serve = new ServeProcess(child, url);
    await serve.listen();
    return serve;
  }

  private get token(): string {
    return this.url.searchParams.get('token') ?? '';
  }

  async call<T>(method: string, args: unknown): Promise<T> {
    const res = await fetch(new URL(`/api/${method}`, this.url), { method: 'POST', headers: { 'content-type': 'application/json', 'x-edgelab-token': this.token }, body: JSON.stringify(args) });
    const body = (await res.json()) as { value?: T; error?: { message: string } };
    if (!res.ok) throw new Error(`${method}: ${res.status} ${body.error?.message}`);
    return body.value as T;
  }

  /** Resolves with the first event (seen so far or to come) that matches. */
  async waitFor<E extends LabEvent>(match: (event: LabEvent) => event is E): Promise<E>;
  async waitFor(match: (event: LabEvent) => boolean): Promise<LabEvent>;
  async waitFor(match: (event: LabEvent) => boolean): Promise<LabEvent> {
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  ended(runId: string): Promise<LabEvent> {
    return this.waitFor((e) => (e.type === 'done' || e.type === 'failed') && e.runId === runId);
  }

  async stop(): Promise<void> {
    await this.stream?.cancel().catch(() => undefined);
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGINT');
    await exited;
  }

  private async listen(): Promise<void> {
    const res = await fetch(new URL(`/api/events?token=${this.token}`, this.url));
    this.stream = (res.body as ReadableStream<Uint8Array>).getReader();
    const reader = this.stream;
    const decoder = new TextDecoder();
    let buffered = '';
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffered += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const data = buffered.slice(0, end).split('\n').find((l) => l.startsWith('data: '));
          buffered = buffered.slice(end + 2);
          if (data) this.events.push(JSON.parse(data.slice('data: '.length)) as LabEvent);
        }
        for (const wake of this.waiters.splice(0)) wake();
      }
    })();
  }
}
