import { EventEmitter } from 'node:events';
import { describe, expect, test } from 'vitest';
import { parentPortChannel, type ParentPort } from '../../core/runner/parent-port.js';
import { isFinalMessage, type FromRunner, type ToRunner } from '../../core/runner/runner-protocol.js';
import { runnerExitGate } from '../../electron/runner-exit.js';
import type { RunnerExit } from '../../core/runner/runner-process.js';

// Electron's process.parentPort as the runner sees it: an EventEmitter of { data } events with a
// postMessage that returns before anything is delivered. This one records what was posted.
class RecordingParentPort extends EventEmitter implements ParentPort {
  posted: unknown[] = [];
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  deliver(message: ToRunner): void {
    this.emit('message', { data: message });
  }
}

const result = { type: 'result', record: {} } as unknown as FromRunner;

describe("the runner's final message over a utilityProcess port", () => {
  test('result, refused and providers are final; progress events are not', () => {
    expect(isFinalMessage(result)).toBe(true);
    expect(isFinalMessage({ type: 'refused', error: { kind: 'input', message: 'x' } })).toBe(true);
    expect(isFinalMessage({ type: 'providers', statuses: [] })).toBe(true);
    expect(isFinalMessage({ type: 'event', event: {} } as unknown as FromRunner)).toBe(false);
  });

  test('sending the result resolves only once the parent acknowledges it', async () => {
    const port = new RecordingParentPort();
    const channel = parentPortChannel(port);
    let delivered = false;
    const sent = channel.send(result).then(() => (delivered = true));
    expect(port.posted).toEqual([result]);
    await Promise.resolve();
    expect(delivered).toBe(false); // the runner must not exit yet
    port.deliver({ type: 'ack' });
    await sent;
    expect(delivered).toBe(true);
  });

  test('events go at once, and the ack never reaches the measuring code as a request', async () => {
    const port = new RecordingParentPort();
    const channel = parentPortChannel(port);
    const seen: ToRunner[] = [];
    channel.onMessage((m) => seen.push(m));
    await channel.send({ type: 'event', event: {} } as unknown as FromRunner);
    port.deliver({ type: 'cancel' });
    port.deliver({ type: 'ack' });
    expect(seen).toEqual([{ type: 'cancel' }]);
  });
});

describe("a crashed runner's end", () => {
  test('is reported after both the exit and the end of its stderr, in either order', () => {
    for (const order of [['exit', 'drain'], ['drain', 'exit']] as const) {
      const reports: RunnerExit[] = [];
      let stderr = 'terminate called after throwing';
      const gate = runnerExitGate((exit) => reports.push(exit), () => stderr);
      for (const step of order) {
        if (step === 'exit') gate.exited(null, 'FatalError at onnxruntime');
        else {
          stderr += "\nWhat():  std::bad_alloc";
          gate.drained();
        }
        if (step === order[0]) expect(reports).toEqual([]);
      }
      expect(reports).toEqual([{ code: null, signal: 'FatalError at onnxruntime', stderrTail: "terminate called after throwing\nWhat():  std::bad_alloc" }]);
    }
  });

  test('a pipe that never ends is given up on once, with what was read', () => {
    const reports: RunnerExit[] = [];
    const gate = runnerExitGate((exit) => reports.push(exit), () => 'partial');
    gate.giveUp(); // before the exit: nothing to report yet
    expect(reports).toEqual([]);
    gate.exited(134, null);
    gate.giveUp();
    gate.drained();
    expect(reports).toEqual([{ code: 134, signal: null, stderrTail: 'partial' }]);
  });
});
