import type { RunnerPort } from './measure-in-runner.js';
import { isFinalMessage, type FromRunner, type ToRunner } from './runner-protocol.js';

/** Electron's `process.parentPort` in a utilityProcess, as far as the runner uses it. */
export interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

/**
 * How long a runner waits for the parent to acknowledge its final message. A parent that is gone
 * or hung never answers; the runner then exits anyway rather than linger with its model loaded
 * (the parent that is alive reads the exit as the end of the run either way).
 */
export const ACK_TIMEOUT_MS = 30_000;

/**
 * The runner's channel over a utilityProcess parentPort. postMessage returns before the message
 * has left, and has no callback; the runner exits right after its final message, so that
 * message's send resolves only when the parent acknowledges it (the parent's side is
 * electron/utility-runner.ts), or after `ackTimeoutMs` without an answer. Other messages
 * (progress events) resolve at once.
 */
export function parentPortChannel(parentPort: ParentPort, ackTimeoutMs = ACK_TIMEOUT_MS): RunnerPort {
  const awaitingAck: (() => void)[] = [];
  const listeners: ((message: ToRunner) => void)[] = [];
  parentPort.on('message', (e) => {
    const message = e.data as ToRunner;
    if (message?.type === 'ack') {
      awaitingAck.shift()?.();
      return;
    }
    for (const listener of listeners) listener(message);
  });
  return {
    send(message: FromRunner) {
      if (!isFinalMessage(message)) {
        parentPort.postMessage(message);
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const acknowledged = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          const at = awaitingAck.indexOf(acknowledged);
          if (at !== -1) awaitingAck.splice(at, 1);
          resolve();
        }, ackTimeoutMs);
        awaitingAck.push(acknowledged);
        parentPort.postMessage(message);
      });
    },
    onMessage(listener) {
      listeners.push(listener);
    },
  };
}
