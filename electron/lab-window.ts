import { BrowserWindow, session, shell } from 'electron';
import { APP_URL, isAppUrl } from './app-origin.js';
import { externalBrowserUrl } from './external-links.js';

/**
 * The one window: sandboxed, isolated, no Node, web security on, and unable to leave the lab's
 * page. http and https links (the web, a local MLflow UI) open in the default browser; nothing
 * opens a second window.
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
  const openOutside = (url: string) => {
    const external = externalBrowserUrl(url);
    if (external !== null) void shell.openExternal(external);
  };
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
  // A link without target=_blank navigates: an http(s) one opens in the browser instead, and a
  // dropped file (which would navigate to it) goes nowhere; drops are read by the page.
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openOutside(url);
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
