import type { ServerResponse } from 'node:http';
import type { LabEvent } from '../api/lab-api.js';

const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events: every LabEvent as one `data:` line of JSON (the default 'message' event, so
 * an EventSource's onmessage sees them). A comment line every 15 s keeps proxies and SSH tunnels
 * from closing an idle stream.
 */
export function openEventStream(res: ServerResponse, subscribe: (listener: (event: LabEvent) => void) => () => void): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 2000\n: connected\n\n');
  const unsubscribe = subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  res.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}
