import type { FromRunner, ToRunner } from './runner-protocol.js';
import { serveRunner, type RunnerPort } from './measure-in-runner.js';
import { parentPortChannel, type ParentPort } from './parent-port.js';

/**
 * Entry point of the runner process. Under Electron's utilityProcess the channel is
 * `process.parentPort`; under Node's fork it is `process.send` / 'message'.
 */
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

const port: RunnerPort = parentPort
  ? parentPortChannel(parentPort)
  : {
      send: (message: FromRunner) => new Promise<void>((resolve) => (process.send ? process.send(message, undefined, {}, () => resolve()) : resolve())),
      onMessage: (listener: (message: ToRunner) => void) => process.on('message', (m) => listener(m as ToRunner)),
    };

// Exit once the result is handed over: the parent treats the exit as the end of the run, and a
// lingering ONNX Runtime thread pool must not keep a finished runner alive.
serveRunner(port, () => process.exit(0));
// A parent that dies leaves no runner behind.
if (!parentPort) process.on('disconnect', () => process.exit(0));
