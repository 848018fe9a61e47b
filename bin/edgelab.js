#!/usr/bin/env node
// The installed command. The TypeScript sources are compiled to dist/ by `npm install` (prepare)
// or `npm run build`; say so plainly if that has not happened instead of a module-not-found trace.
// The Node version is checked before the lab is imported: older Node lacks APIs the lab uses and
// would fail half-way with a trace instead of saying why.
import { nodeVersionProblem } from './node-version.js';

const versionProblem = nodeVersionProblem(process.versions.node, process.execPath);
if (versionProblem) {
  process.stderr.write(versionProblem + '\n');
  process.exit(3);
}
// Node keeps the compiled code of the lab's modules on disk between starts, so a command does not
// recompile them every time (tens of ms of `inspect`). NODE_DISABLE_COMPILE_CACHE=1 turns it off.
const { enableCompileCache } = await import('node:module');
enableCompileCache?.();
const { existsSync } = await import('node:fs');
const { fileURLToPath } = await import('node:url');

const entry = new URL('../dist/core/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('edgelab is not built yet: run `npm run build` (or `npm install`) in the edgelab folder.\n');
  process.exit(3);
}
// A reader that stops early (`edgelab runs | head`) closes the pipe: what is left unprinted has no
// one to read it, so end quietly, as other command-line tools do, not with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}
const { main } = await import(entry.href);
const code = await main(process.argv.slice(2));
// Exit once the output is flushed, rather than when the event loop drains: a stuck native call
// (e.g. mkdir under /proc) must not keep a command that has already answered alive.
const flushed = (stream) => new Promise((resolve) => stream.write('', resolve));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
