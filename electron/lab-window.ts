import { BrowserWindow, session, shell } from 'electron';
import { APP_URL, isAppUrl } from './app-origin.js';

/**
 * The one window: sandboxed, isolated, no Node, web security on, and unable to leave the lab's
 * page. Links to the web open in the default browser; nothing opens a second window.
 */
export function createLabWindow(preloadPath: string, options: { devTools: boolean }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'edgelab',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // Packaged builds have no DevTools (nor a menu item for them); a checkout keeps them.
      devTools: options.devTools,
    },
  });
  win.once('ready-to-show', () => win.show());

  const contents = win.webContents;
  contents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // Dropping a file on the window would navigate to it; drops are read by the page instead.
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());

  void win.loadURL(APP_URL);
  return win;
}

/** The lab asks for no device, notification or location access; nobody else gets it either. */
export function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
