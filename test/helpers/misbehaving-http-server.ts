import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Misbehaviour = 'silent' | 'endless' | 'html';

/**
 * A real local HTTP server that does what a broken tracking URL does: accepts the connection and
 * never answers (`silent`), answers 200 and streams a body without end (`endless`), or answers 200
 * with a web page (`html`, as a login page or a proxy would). It counts what it saw, so a test can
 * tell that the client hung up instead of reading on.
 */
export class MisbehavingServer {
  requests = 0;
  bytesSent = 0;
  /** Connections the client closed before the server ended them. */
  clientHangUps = 0;
  private server: Server | undefined;
  private hangUpSeen: (() => void) | undefined;
  /** Resolves when a client has closed a connection before its answer ended. */
  readonly clientHungUp = new Promise<void>((resolve) => (this.hangUpSeen = resolve));

  constructor(readonly behaviour: Misbehaviour) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests++;
      req.resume();
      res.on('close', () => {
        if (res.writableFinished) return;
        this.clientHangUps++;
        this.hangUpSeen?.();
      });
      if (this.behaviour === 'silent') return;
      if (this.behaviour === 'html') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<!doctype html>\n<html><head><title>Sign in</title></head><body><form action="/login">…</form></body></html>\n');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) this.bytesSent += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      res.write('{"runs":[');
      pump();
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
