import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { ACK_TIMEOUT_MS, parentPortChannel } from '../../core/runner/parent-port.js';

// The runner's side of Electron's parentPort (no Electron here): the channel is the real code; the
// port is an emitter with postMessage, the surface the channel uses. The runner, over the real
// channel through Node's IPC, is in test/integration/runner-parent-port.test.ts.
function port() {
  const emitter = new EventEmitter();
  const posted: unknown[] = [];
  return {
    parentPort: { on: (event: 'message', listener: (e: { data: unknown }) => void) => emitter.on(event, listener), postMessage: (m: unknown) => posted.push(m) },
    ack: () => emitter.emit('message', { data: { type: 'ack' } }),
    posted,
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

test('the final message resolves on the ack, not before', async () => {
  const p = port();
  let done = false;
  void parentPortChannel(p.parentPort).send({ type: 'providers', statuses: [] }).then(() => (done = true));
  await vi.advanceTimersByTimeAsync(ACK_TIMEOUT_MS - 1);
  expect(done).toBe(false);
  expect(p.posted).toEqual([{ type: 'providers', statuses: [] }]);
  p.ack();
  await vi.advanceTimersByTimeAsync(0);
  expect(done).toBe(true);
});

test('a parent that never acknowledges does not keep the runner forever: the send resolves after the timeout', async () => {
  const p = port();
  const channel = parentPortChannel(p.parentPort, 5_000);
  let done = false;
  void channel.send({ type: 'providers', statuses: [] }).then(() => (done = true));
  await vi.advanceTimersByTimeAsync(4_999);
  expect(done).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  expect(done).toBe(true);
  // The timed-out wait left the queue: the next ack belongs to the next final message.
  let second = false;
  void channel.send({ type: 'providers', statuses: [] }).then(() => (second = true));
  p.ack();
  await vi.advanceTimersByTimeAsync(0);
  expect(second).toBe(true);
});
