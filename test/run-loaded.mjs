#!/usr/bin/env node
// `npm run test:loaded`: the test suite while every core is kept busy, as on a shared CI runner or
// a laptop compiling in the background. Starts one spinning process per core (plus one with
// --load N), runs vitest with the arguments given (default: the whole suite), stops the load and
// exits with vitest's code. An assertion that depends on timing or an idle machine fails here.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const loadFlag = args.indexOf('--load');
let spinners = availableParallelism();
if (loadFlag >= 0) {
  spinners = Number(args[loadFlag + 1]);
  if (!Number.isInteger(spinners) || spinners < 0) {
    process.stderr.write(`test:loaded: --load takes a whole number of busy processes, got '${args[loadFlag + 1] ?? ''}'.\n`);
    process.exit(2);
  }
  args.splice(loadFlag, 2);
}

// Each spinner is a plain busy loop at normal priority: it competes for the cores the way another
// job does, without using memory or the disk.
const load = Array.from({ length: spinners }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopLoad = () => {
  for (const child of load) if (child.exitCode === null) child.kill('SIGKILL');
};
process.on('exit', stopLoad);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));
process.stdout.write(`test:loaded: ${spinners} busy process${spinners === 1 ? '' : 'es'} on ${availableParallelism()} core${availableParallelism() === 1 ? '' : 's'} for the duration of the suite\n`);

const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const suite = spawn(process.execPath, [vitest, 'run', ...args], { stdio: 'inherit' });
suite.on('exit', (code, signal) => {
  stopLoad();
  process.exit(code ?? (signal ? 1 : 0));
});
