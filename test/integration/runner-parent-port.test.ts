import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { RunSpecSchema } from '../../core/api/run-spec.js';
import type { FromRunner } from '../../core/runner/runner-protocol.js';
import { repoRoot } from '../helpers/cli.js';
import { modelPath } from '../helpers/models.js';

// The compiled runner, started the way the app starts it (a process whose channel to the parent
// is `process.parentPort`), measuring a real model with ONNX Runtime. No Electron binary runs
// here, so a small shim provides the parentPort over Node's IPC; the runner code is the real one.
test('over a parentPort the runner stays alive until its result is acknowledged, then exits 0', async () => {
  const model = await modelPath('tiny-classifier');
  const shim = fileURLToPath(new URL('../helpers/parent-port-shim.mjs', import.meta.url));
  const child = fork(shim, [path.join(repoRoot, 'dist', 'core', 'runner', 'runner-main.js')], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const result = new Promise<FromRunner>((resolve) =>
    child.on('message', (message: FromRunner) => {
      if (message.type === 'result' || message.type === 'refused') resolve(message);
    }),
  );

  child.send({ type: 'start', spec: RunSpecSchema.parse({ model, label: 'parentPort', scenario: { kind: 'single-stream', warmup: { iterations: 1 }, iterations: 5 } }) });
  // A runner that exits as soon as it has posted (no ack) loses the result: the race says so.
  const final = await Promise.race([result, exited.then((exit) => Promise.reject(new Error(`the runner exited (${JSON.stringify(exit)}) without delivering its result`)))]);
  expect(final.type).toBe('result');
  expect(final.type === 'result' && final.record.state).toBe('completed');

  // The runner is waiting for the ack: it cannot have exited (nothing else ends it).
  expect(child.exitCode).toBeNull();
  expect(child.signalCode).toBeNull();
  child.send({ type: 'ack' });
  expect(await exited).toEqual({ code: 0, signal: null });
});
