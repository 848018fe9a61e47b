import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { describeError } from './describe-error.js';
import { Workspace, locateWorkspaceDir } from '../core/evidence/index.js';
import { LabService } from '../core/lab/lab-service.js';
import { packageRoot } from '../core/package-root.js';
import { runnerEntry } from '../core/runner/fork-runner.js';
import { registerAppScheme, serveAppProtocol } from './app-protocol.js';
import { registerIpcHandlers } from './ipc-handlers.js';
import { createLabWindow, denyPermissions } from './lab-window.js';
import { utilityRunner } from './utility-runner.js';

/**
 * The desktop app's main process: a thin host. It opens the evidence workspace, serves the UI at
 * edgelab://lab/, answers the preload's LabApi calls with the same LabService `edgelab serve`
 * uses, and measures in a utilityProcess runner.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

let win: BrowserWindow | null = null;
let lab: LabService | null = null;

app.on('second-instance', () => {
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

app.whenReady().then(async () => {
  denyPermissions();
  try {
    const workspace = await Workspace.open(locateWorkspaceDir({ env: process.env }).dir);
    lab = new LabService({ workspace, launchRunner: utilityRunner(runnerEntry) });
  } catch (e) {
    dialog.showErrorBox('edgelab cannot open its evidence workspace', describeError(e));
    app.exit(2);
    return;
  }
  serveAppProtocol(path.join(packageRoot(), 'dist', 'renderer'));
  registerIpcHandlers(lab, () => win);
  win = createLabWindow(path.join(here, 'preload.cjs'));
  win.on('closed', () => (win = null));
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createLabWindow(path.join(here, 'preload.cjs'));
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Runs in progress are ended and recorded as cancelled before the app goes.
let closing = false;
app.on('before-quit', (event) => {
  if (closing || !lab) return;
  closing = true;
  event.preventDefault();
  void lab.close().finally(() => app.quit());
});
