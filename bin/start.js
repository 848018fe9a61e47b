#!/usr/bin/env node
// `npm start`: the desktop app, or, when it cannot open here, the same lab in the browser
// (`edgelab serve --open`) with one line saying the true reason and, where there is one, the fix.
// `npm start -- --workspace DIR` reaches either face; --browser skips the app; --no-open, --port
// and --host go to the browser face.
// The decisions live in core/desktop (pure, unit-tested); this file only gathers facts and acts.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { nodeVersionProblem } from './node-version.js';

// The CLI's rule, checked before anything of the lab loads: on an older Node the app would start and
// fail later, half-way, with a trace instead of saying why.
const versionProblem = nodeVersionProblem(process.versions.node, process.execPath);
if (versionProblem) {
  process.stderr.write(versionProblem + '\n');
  process.exit(3);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = (file) => path.join(root, 'dist', file);

if (!existsSync(built('core/desktop/start-plan.js')) || !existsSync(built('core/cli/commands/serve.js'))) {
  process.stderr.write('edgelab is not built yet: run `npm run build` (or `npm install`) in the edgelab folder.\n');
  process.exit(3);
}
const load = (file) => import(pathToFileURL(built(file)).href);
const { planStart, buildIsStale } = await load('core/desktop/start-plan.js');
const { locateElectronBinary, electronDownloadBase } = await load('core/desktop/electron-binary.js');
const { missingDisplayReason, downloadFailureReason, appStartFailure, APP_WINDOW_OPEN_LINE } = await load('core/desktop/launch-reasons.js');
const { probeDownloadSource } = await load('core/desktop/download-probe.js');
const { OutputTail } = await load('core/runner/runner-process.js');

const plan = planStart(process.argv.slice(2), { cwd: process.cwd(), initCwd: process.env.INIT_CWD });
const say = (line) => process.stdout.write(`edgelab: ${line}\n`);

const fileProbe = {
  exists: (file) => existsSync(file),
  read: (file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  },
};

/** Runs a child to completion with its output captured; kills it after timeoutS. */
function run(command, args, { timeoutS, env = process.env }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk) => (output = (output + chunk.toString()).slice(-8000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = timeoutS ? setTimeout(() => ((timedOut = true), child.kill('SIGKILL')), timeoutS * 1000) : undefined;
    child.on('error', (e) => keep(`${e.message}\n`));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0 && !timedOut, timedOut, output });
    });
  });
}

/** Gets Electron's binary with the package's own installer (it has no install script since Electron 42). */
async function downloadElectron(packageDir, version) {
  const timeoutS = Number(process.env.EDGELAB_ELECTRON_DOWNLOAD_TIMEOUT_S) > 0 ? Number(process.env.EDGELAB_ELECTRON_DOWNLOAD_TIMEOUT_S) : 300;
  const source = electronDownloadBase(process.env);
  say(`fetching Electron ${version}'s binary (about 100 MB, once) from ${source} ...`);
  const result = await run(process.execPath, [path.join(packageDir, 'install.js')], { timeoutS });
  if (result.ok) return null;
  const probe = result.timedOut ? null : await probeDownloadSource(source);
  return downloadFailureReason({ version, source, timedOut: result.timedOut, timeoutS, installerOutput: result.output, probe });
}

function mtimes(dirs, extensions) {
  const files = [];
  for (const dir of dirs) {
    const abs = path.join(root, dir);
    if (!existsSync(abs)) continue;
    const names = statSync(abs).isDirectory() ? readdirSync(abs, { recursive: true }).map((n) => path.join(abs, String(n))) : [abs];
    for (const file of names) if (extensions.some((e) => file.endsWith(e))) files.push({ path: file, mtimeMs: statSync(file).mtimeMs });
  }
  return files;
}
const outputTime = (file) => (existsSync(built(file)) ? { path: built(file), mtimeMs: statSync(built(file)).mtimeMs } : null);

/** Rebuilds the shell (main, preload, the core it loads) and the UI bundle when their sources changed. */
async function rebuildIfStale() {
  const steps = [
    {
      what: 'the desktop shell',
      stale: buildIsStale(mtimes(['electron', 'core', 'tsconfig.json', 'tsconfig.electron.json'], ['.ts', '.cts', '.json']), [outputTime('electron/main.js'), outputTime('electron/preload.cjs')]),
      command: [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.electron.json'],
      script: 'build:electron',
    },
    {
      what: 'the UI bundle',
      stale: buildIsStale(mtimes(['renderer', 'vite.config.ts', 'tsconfig.renderer.json'], ['.ts', '.tsx', '.css', '.html', '.json']), [outputTime('renderer/index.html')]),
      command: [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
      script: 'build:renderer',
    },
  ];
  for (const step of steps.filter((s) => s.stale)) {
    if (!existsSync(step.command[0])) return `${step.what} is older than its sources and the build tools are not installed (\`npm install\` adds them)`;
    say(`rebuilding ${step.what} (its sources changed since it was built) ...`);
    const result = await run(process.execPath, step.command, {});
    if (!result.ok) {
      process.stderr.write(result.output);
      return `${step.what} did not build (\`npm run ${step.script}\` shows why)`;
    }
  }
  return null;
}

/** The desktop app's executable and entry, or the reason it cannot open here. */
async function desktopApp() {
  if (plan.browserOnly) return { reason: '--browser was given' };
  const noDisplay = missingDisplayReason({ platform: process.platform, env: process.env });
  if (noDisplay) return { reason: noDisplay };
  const packageDir = path.join(root, 'node_modules', 'electron');
  let binary = locateElectronBinary(packageDir, process.platform, process.env, fileProbe);
  if (binary.state === 'no-package') {
    return { reason: 'the electron package is not installed (it is a development dependency: `npm install` without --omit=dev adds it)' };
  }
  if (binary.state === 'unusable') return { reason: binary.reason };
  if (binary.state === 'not-downloaded') {
    const failed = await downloadElectron(packageDir, binary.version);
    if (failed) return { reason: failed };
    binary = locateElectronBinary(packageDir, process.platform, process.env, fileProbe);
    if (binary.state !== 'ready') return { reason: `Electron's installer finished, yet ${binary.detail ?? binary.reason ?? 'no binary is there'}` };
  }
  const stale = await rebuildIfStale();
  if (stale) return { reason: stale };
  return { electron: binary.path, appMain: built('electron/main.js') };
}

/** Starts the app; resolves only if it ended before its window opened, with why. */
function launchApp({ electron, appMain }) {
  return new Promise((resolve) => {
    // ELECTRON_RUN_AS_NODE left over in the environment would start Electron as a bare Node.
    const { ELECTRON_RUN_AS_NODE: _ignored, ...env } = process.env;
    const app = spawn(electron, [appMain, ...plan.appArgs], { stdio: ['inherit', 'pipe', 'pipe'], env });
    const stderr = new OutputTail(8000);
    let opened = false;
    app.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      if (chunk.toString().includes(APP_WINDOW_OPEN_LINE)) opened = true;
    });
    app.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      stderr.push(chunk);
    });
    app.on('error', (e) => resolve({ reason: `the desktop app could not be started (${e.message})` }));
    app.on('close', (code, signal) => {
      if (opened) process.exit(signal ? 1 : (code ?? 0));
      resolve(appStartFailure(stderr.toString(), { code, signal }));
    });
  });
}

async function serveInBrowser({ reason, fix }) {
  say(`opening the lab in the browser instead of the desktop app, because ${reason}.`);
  if (fix) say(`to open the desktop app: ${fix}.`);
  const { serveCommand } = await load('core/cli/commands/serve.js');
  const { isLabError } = await load('core/api/errors.js');
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  try {
    process.exitCode = await serveCommand(plan.serveArgs, { stdout: process.stdout, stderr: process.stderr, signal: controller.signal, env: process.env });
  } catch (e) {
    process.stderr.write(`edgelab: ${isLabError(e) ? e.describe() : (e?.stack ?? String(e))}\n`);
    process.exitCode = 2;
  }
}

const choice = await desktopApp();
await serveInBrowser(choice.electron ? await launchApp(choice) : choice);
