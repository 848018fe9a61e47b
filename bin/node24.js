#!/usr/bin/env node
// `npm run node24`: brings Node 24 from the npm registry (the `node` package, which fetches the
// official binary for this platform as `node-<os>-<cpu>`) into this checkout's .ci/node24 folder, for
// a machine whose Node is older than edgelab accepts. The PATH line that puts it first goes to stdout
// (everything else to stderr), so `eval "$(node bin/node24.js)"` works in a POSIX shell, as .ci/run does.
// Only Node's own modules: this runs on the old Node.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { node24Folder, nodeVersionOk } from './node-version.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const windows = process.platform === 'win32';
const say = (line) => process.stderr.write(`node24: ${line}\n`);

const args = process.argv.slice(2);
const prefixAt = args.indexOf('--prefix');
const expected = prefixAt === -1 ? 0 : 2;
if (args.length !== expected || (prefixAt !== -1 && !args[prefixAt + 1])) {
  say(`unexpected arguments: ${args.join(' ')}. Usage: npm run node24 [-- --prefix DIR] (default DIR: ${node24Folder} in the checkout).`);
  process.exit(2);
}
const folder = path.resolve(prefixAt === -1 ? path.join(root, node24Folder) : args[prefixAt + 1]);
const binDir = path.join(folder, 'node_modules', '.bin');

/** The version of the Node in binDir, or null when there is none that runs. */
function installedVersion() {
  const exe = path.join(binDir, windows ? 'node.cmd' : 'node');
  if (!existsSync(exe)) return null;
  const result = spawnSync(exe, ['-p', 'process.versions.node'], { encoding: 'utf8', shell: windows });
  return result.status === 0 ? result.stdout.trim() : null;
}

let version = installedVersion();
if (version && nodeVersionOk(version)) {
  say(`Node ${version} is already in ${folder}.`);
} else {
  say(`installing Node 24 from the npm registry into ${folder} (about 190 MB on disk) ...`);
  // Under `npm run`, the npm that runs this script; else the one on PATH.
  const npm = process.env.npm_execpath && /\.c?js$/.test(process.env.npm_execpath) ? [process.execPath, process.env.npm_execpath] : ['npm'];
  const install = ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', folder, 'node@24'];
  const result = spawnSync(npm[0], [...npm.slice(1), ...install], { stdio: ['ignore', 2, 2], shell: windows && npm.length === 1 });
  version = installedVersion();
  if (result.status !== 0 || !version || !nodeVersionOk(version)) {
    say(`npm could not install Node 24 into ${folder} (${result.error?.message ?? `npm exited ${result.status}`}${version ? `; found Node ${version} there` : ''}). Install Node 24 from https://nodejs.org instead.`);
    process.exit(3);
  }
  say(`Node ${version} is in ${folder}.`);
}
say('put it first on PATH in this shell with the line below, then run npm install, npm start or npx edgelab:');
const shellQuoted = (p) => p.replace(/(["$`\\])/g, '\\$1');
process.stdout.write(windows ? `$env:PATH = "${binDir};" + $env:PATH\n` : `export PATH="${shellQuoted(binDir)}:$PATH"\n`);
