import { describe, expect, it } from 'vitest';
import { resolveStateDir } from '../../core/evidence/state-dir.js';

describe("edgelab's per-machine state folder", () => {
  it('is EDGELAB_STATE_DIR when set, made absolute', () => {
    expect(resolveStateDir({ env: { EDGELAB_STATE_DIR: '/srv/edgelab-state' }, platform: 'linux', home: '/home/a' })).toBe('/srv/edgelab-state');
    expect(resolveStateDir({ env: { EDGELAB_STATE_DIR: 'rel/state' }, platform: 'linux', home: '/home/a' })).toBe(`${process.cwd()}/rel/state`);
  });

  it("is the OS's place for per-user state otherwise", () => {
    expect(resolveStateDir({ env: {}, platform: 'linux', home: '/home/a' })).toBe('/home/a/.local/state/edgelab');
    expect(resolveStateDir({ env: { XDG_STATE_HOME: '/xdg/state' }, platform: 'linux', home: '/home/a' })).toBe('/xdg/state/edgelab');
    // XDG: a relative XDG_STATE_HOME is invalid and ignored.
    expect(resolveStateDir({ env: { XDG_STATE_HOME: 'state' }, platform: 'linux', home: '/home/a' })).toBe('/home/a/.local/state/edgelab');
    expect(resolveStateDir({ env: {}, platform: 'darwin', home: '/Users/a' })).toBe('/Users/a/Library/Application Support/edgelab-state');
    expect(resolveStateDir({ env: { LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, platform: 'win32', home: 'C:\\Users\\a' })).toBe('C:\\Users\\a\\AppData\\Local\\edgelab\\state');
  });

  it('ignores an empty EDGELAB_STATE_DIR', () => {
    expect(resolveStateDir({ env: { EDGELAB_STATE_DIR: '  ' }, platform: 'linux', home: '/home/a' })).toBe('/home/a/.local/state/edgelab');
  });
});
