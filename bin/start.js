#!/usr/bin/env node
// `npm start`: the desktop app when an Electron binary is here, otherwise the same lab in the
// browser (`edgelab serve --open`), with one line saying why. Flags after `npm start --` go to
// serve (e.g. --port 0 --workspace DIR); --browser skips the app.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/** The Electron executable, or the reason there is none. Never triggers Electron's download. */
function findElectron() {
  if (process.env.EDGELAB_ELECTRON) {
    return existsSync(process.env.EDGELAB_ELECTRON) ? { path: process.env.EDGELAB_ELECTRON } : { reason: `EDGELAB_ELECTRON names ${process.env.EDGELAB_ELECTRON}, which does not exist` };
  }
  const packageDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(packageDir)) return { reason: 'Electron is not installed (it is optional; `npm install electron` adds it)' };
  if (!existsSync(pathFile)) return { reason: 'the Electron binary was not downloaded (installed with ELECTRON_SKIP_BINARY_DOWNLOAD, or offline)' };
  const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { reason: `the Electron binary ${binary} is missing` };
}

function whyNotTheApp() {
  if (args.includes('--browser')) return { reason: '--browser was given' };
  const electron = findElectron();
  if (!electron.path) return electron;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { reason: 'there is no display here (no DISPLAY or WAYLAND_DISPLAY)' };
  const appMain = path.join(root, 'dist', 'electron', 'main.js');
  // The shell is compiled only where Electron is installed (its types come with it); do it on first start.
  if (!existsSync(appMain)) {
    const built = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.electron.json')], { stdio: 'inherit' });
    if (built.status !== 0 || !existsSync(appMain)) return { reason: 'the desktop app could not be built (`npm run build:electron` shows why)' };
  }
  return { electron: electron.path, appMain };
}

const choice = whyNotTheApp();
if (choice.electron) {
  // ELECTRON_RUN_AS_NODE left over in the environment would start Electron as a bare Node.
  const { ELECTRON_RUN_AS_NODE: _ignored, ...env } = process.env;
  const app = spawn(choice.electron, [choice.appMain], { stdio: 'inherit', env });
  app.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
} else {
  process.stdout.write(`edgelab: starting in the browser instead of the desktop app, because ${choice.reason}.\n`);
  const serveModule = path.join(root, 'dist', 'core', 'cli', 'commands', 'serve.js');
  if (!existsSync(serveModule)) {
    process.stderr.write('edgelab is not built yet: run `npm run build` (or `npm install`) in the edgelab folder.\n');
    process.exit(3);
  }
  const { serveCommand } = await import(pathToFileURL(serveModule).href);
  const { isLabError } = await import(pathToFileURL(path.join(root, 'dist', 'core', 'api', 'errors.js')).href);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const serveArgs = args.filter((a) => a !== '--browser' && a !== '--no-open');
  if (!args.includes('--no-open')) serveArgs.push('--open');
  try {
    process.exitCode = await serveCommand(serveArgs, { stdout: process.stdout, stderr: process.stderr, signal: controller.signal, env: process.env });
  } catch (e) {
    process.stderr.write(`edgelab: ${isLabError(e) ? e.describe() : (e?.stack ?? String(e))}\n`);
    process.exitCode = 2;
  }
}
