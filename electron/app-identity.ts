import path from 'node:path';

export const APP_NAME = 'edgelab';
/** electron-builder.yml's appId: Windows groups the taskbar and notifications by it. */
export const APP_ID = 'dev.edgelab.app';

export interface AppIdentity {
  name: string;
  version: string;
  /** Chromium's profile (cache, local storage, the single-instance lock): never the evidence. */
  userDataDir: string;
  /** Windows' AppUserModelID. */
  appUserModelId: string;
  /** The .desktop file electron-builder installs on Linux (productName.desktop). */
  desktopName: string;
}

/**
 * Who the app is, whether it runs packaged or from a checkout (`electron dist/electron/main.js`
 * gives Electron's default app: name "Electron", Electron's version, ~/.config/Electron). The name
 * "edgelab" alone would put Chromium's profile in appData/edgelab, which on macOS and Windows is
 * the default evidence workspace; the profile gets its own folder beside it instead.
 */
export function appIdentity(options: { appDataDir: string; version: string }): AppIdentity {
  return { name: APP_NAME, version: options.version, userDataDir: path.join(options.appDataDir, `${APP_NAME}-desktop`), appUserModelId: APP_ID, desktopName: `${APP_NAME}.desktop` };
}
