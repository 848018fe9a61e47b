// Stands in for Electron's utilityProcess around the real runner: gives it a `process.parentPort`
// (an EventEmitter of { data } messages with a postMessage) carried over Node's IPC channel, then
// loads the runner entry named on the command line. Like Electron's, postMessage has no callback
// and returns before the message has left: it goes on a later turn of the event loop, so a process
// that exits right after posting loses it, as a utilityProcess would.
import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

const parentPort = new EventEmitter();
parentPort.postMessage = (message) => setImmediate(() => process.send(message));
process.on('message', (message) => parentPort.emit('message', { data: message }));
process.parentPort = parentPort;
await import(pathToFileURL(process.argv[2]).href);
