import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { expect, test } from 'vitest';
import { appIdentity } from '../../electron/app-identity.js';
import { locateWorkspaceDir } from '../../core/evidence/workspace-dir.js';
import { edgelabVersion } from '../../core/package-root.js';

// Electron's appData per platform (app.getPath('appData')), for the same user.
const machines = [
  { platform: 'linux' as const, home: '/home/ana', appData: '/home/ana/.config', env: {} },
  { platform: 'darwin' as const, home: '/Users/ana', appData: '/Users/ana/Library/Application Support', env: {} },
  { platform: 'win32' as const, home: 'C:\\Users\\ana', appData: 'C:\\Users\\ana\\AppData\\Roaming', env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' } },
];

test("the app is edgelab at edgelab's version, not Electron's default app", () => {
  const identity = appIdentity({ appDataDir: '/home/ana/.config', version: edgelabVersion() });
  expect(identity.name).toBe('edgelab');
  expect(identity.version).toBe(edgelabVersion());
  expect(identity.userDataDir).toBe(path.join('/home/ana/.config', 'edgelab-desktop'));
});

test("Chromium's profile never lands in the default evidence workspace", () => {
  for (const m of machines) {
    const profile = appIdentity({ appDataDir: m.appData, version: '0.1.0' }).userDataDir.replaceAll('\\', '/');
    const evidence = locateWorkspaceDir({ platform: m.platform, home: m.home, env: m.env }).dir.replaceAll('\\', '/');
    expect(profile, m.platform).not.toBe(evidence);
    expect(profile.startsWith(`${evidence}/`), m.platform).toBe(false);
    expect(evidence.startsWith(`${profile}/`), m.platform).toBe(false);
  }
});

test('the Windows and Linux desktop identities are the ones the installers register', () => {
  const builder = parseYaml(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')) as { appId: string; productName: string };
  const identity = appIdentity({ appDataDir: '/x', version: '1.0.0' });
  expect(identity.appUserModelId).toBe(builder.appId);
  expect(identity.desktopName).toBe(`${builder.productName}.desktop`);
  expect(identity.name).toBe(builder.productName);
});
