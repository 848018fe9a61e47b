import type { MenuItemConstructorOptions } from 'electron';
import { expect, test } from 'vitest';
import { appMenuTemplate } from '../../electron/app-menu.js';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
}

test('a packaged build has no way to open DevTools; a checkout keeps it', () => {
  for (const platform of ['linux', 'darwin', 'win32'] as const) {
    expect(roles(appMenuTemplate({ platform, isPackaged: true, appName: 'edgelab' })), platform).not.toContain('toggleDevTools');
    expect(roles(appMenuTemplate({ platform, isPackaged: false, appName: 'edgelab' })), platform).toContain('toggleDevTools');
  }
});

test('text fields keep copy and paste, and macOS gets its app menu with Quit', () => {
  const mac = appMenuTemplate({ platform: 'darwin', isPackaged: true, appName: 'edgelab' });
  expect(mac[0]!.label).toBe('edgelab');
  expect(roles(mac)).toEqual(expect.arrayContaining(['about', 'quit', 'copy', 'paste', 'selectAll', 'close']));
  const linux = appMenuTemplate({ platform: 'linux', isPackaged: true, appName: 'edgelab' });
  expect(linux.map((m) => m.label ?? m.role)).toEqual(['File', 'Edit', 'View', 'windowMenu']);
  expect(roles(linux)).toEqual(expect.arrayContaining(['quit', 'copy', 'paste']));
});
