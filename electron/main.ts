import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { describeError } from './describe-error.js';
import { APP_WINDOW_OPEN_LINE } from '../core/desktop/launch-reasons.js';
import { locateWorkspaceDir } from '../core/evidence/index.js';
import type { LabService } from '../core/lab/lab-service.js';
import { openLab } from '../core/lab/open-lab.js';
import { printHtmlToPdf } from './export-pdf.js';
import { edgelabVersion, packageRoot } from '../core/package-root.js';
import { runnerEntry } from '../core/runner/fork-runner.js';
import { secondInstanceNotice, workspaceFromArgv, type SecondInstanceData } from './app-args.js';
import { appIdentity } from './app-identity.js';
import { appMenuTemplate } from './app-menu.js';
import { registerAppScheme, serveAppProtocol } from './app-protocol.js';
import { registerIpcHandlers } from './ipc-handlers.js';
import { createLabWindow, denyPermissions } from './lab-window.js';
import { unsupportedPlatformReason } from './platform-support.js';
import { utilityRunner } from './utility-runner.js';

/**
 * The desktop app's main process: a thin host. It opens the evidence workspace, serves the UI at
 * edgelab://lab/, answers the preload's LabApi calls with the same LabService `edgelab serve`
 * uses, and measures in a utilityProcess runner.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const preload = path.join(here, 'preload.cjs');

// Identity first: the single-instance lock and Chromium's profile live in userData.
const identity = appIdentity({ appDataDir: app.getPath('appData'), version: edgelabVersion() });
app.setName(identity.name);
// setPath throws for a folder that does not exist yet (the first start).
mkdirSync(identity.userDataDir, { recursive: true });
app.setPath('userData', identity.userDataDir);
// From a checkout Electron's default app reports Electron's own version; it sets a package's
// version with app.setVersion, which exists at run time though the typings leave it out.
(app as unknown as { setVersion?: (version: string) => void }).setVersion?.(identity.version);
app.setAboutPanelOptions({ applicationName: identity.name, applicationVersion: identity.version });
if (process.platform === 'win32') app.setAppUserModelId(identity.appUserModelId);
if (process.platform === 'linux') app.setDesktopName(identity.desktopName);
registerAppScheme();

const workspaceDir = locateWorkspaceDir({ flag: workspaceFromArgv(process.argv, process.cwd()), env: process.env }).dir;

// Electron's documented pattern: the second start hands its request to the first and quits.
if (!app.requestSingleInstanceLock({ workspace: workspaceDir } satisfies SecondInstanceData)) {
  app.quit();
} else {
  runLab();
}

function runLab(): void {
  let win: BrowserWindow | null = null;
  let lab: LabService | null = null;
  let announced = false;

  // Every window is tracked, including one re-created on macOS 'activate', so IPC events, dialogs
  // and a second start always reach the window that is open.
  const openWindow = (): BrowserWindow => {
    const created = createLabWindow(preload, { devTools: !app.isPackaged });
    win = created;
    created.once('ready-to-show', () => {
      // `npm start` (bin/start.js) reads this line: from here on an exit is the user's quitting.
      if (!app.isPackaged && !announced) process.stdout.write(`${APP_WINDOW_OPEN_LINE} (evidence workspace ${workspaceDir})\n`);
      announced = true;
    });
    created.on('closed', () => {
      if (win === created) win = null;
    });
    return created;
  };

  app.on('second-instance', (_event, _argv, _workingDirectory, additionalData) => {
    if (!lab) return; // still starting: the window it opens is the answer
    const target = win ?? openWindow();
    if (target.isMinimized()) target.restore();
    target.show();
    target.focus();
    const notice = secondInstanceNotice(workspaceDir, additionalData);
    if (notice) void dialog.showMessageBox(target, { type: 'info', message: 'edgelab is already open', detail: notice });
  });

  app.whenReady().then(async () => {
    const unsupported = unsupportedPlatformReason(process.platform, process.arch);
    if (unsupported) {
      dialog.showErrorBox('edgelab cannot measure on this computer', unsupported);
      app.exit(2);
      return;
    }
    denyPermissions();
    Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ platform: process.platform, isPackaged: app.isPackaged, appName: identity.name })));
    try {
      // The lab's one factory, as the CLI and serve open theirs; runs measure in Electron's utilityProcess.
      lab = await openLab({ workspace: workspaceDir, env: process.env, runner: utilityRunner(runnerEntry), printPdf: printHtmlToPdf });
    } catch (e) {
      dialog.showErrorBox('edgelab cannot open its evidence workspace', describeError(e));
      app.exit(2);
      return;
    }
    serveAppProtocol(path.join(packageRoot(), 'dist', 'renderer'));
    registerIpcHandlers(lab, () => win);
    openWindow();
    app.on('activate', () => {
      if (!win) openWindow();
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
}
