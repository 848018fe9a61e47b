import { describe, expect, it } from 'vitest';
import { locateWorkspaceDir, resolveWorkspaceDir } from '../../core/evidence/workspace-dir.js';

describe('resolveWorkspaceDir', () => {
  const home = '/home/ada';

  it('prefers --workspace over EDGELAB_WORKSPACE, resolving relative paths against the cwd', () => {
    const env = { EDGELAB_WORKSPACE: '/srv/evidence' };
    expect(resolveWorkspaceDir({ flag: 'evidence', env, platform: 'linux', home, cwd: '/repo' })).toBe('/repo/evidence');
    expect(locateWorkspaceDir({ env, platform: 'linux', home, cwd: '/repo' })).toEqual({ dir: '/srv/evidence', source: 'env' });
    expect(resolveWorkspaceDir({ flag: '~/lab', env, platform: 'linux', home, cwd: '/repo' })).toBe('/home/ada/lab');
  });

  it('ignores an empty flag or variable', () => {
    expect(locateWorkspaceDir({ flag: '', env: { EDGELAB_WORKSPACE: ' ' }, platform: 'linux', home }).source).toBe('default');
  });

  it('defaults to the OS data dir', () => {
    expect(resolveWorkspaceDir({ env: {}, platform: 'linux', home })).toBe('/home/ada/.local/share/edgelab');
    expect(resolveWorkspaceDir({ env: { XDG_DATA_HOME: '/data' }, platform: 'linux', home })).toBe('/data/edgelab');
    // XDG: a relative XDG_DATA_HOME is invalid and ignored.
    expect(resolveWorkspaceDir({ env: { XDG_DATA_HOME: 'data' }, platform: 'linux', home })).toBe('/home/ada/.local/share/edgelab');
    expect(resolveWorkspaceDir({ env: {}, platform: 'darwin', home: '/Users/ada' })).toBe('/Users/ada/Library/Application Support/edgelab');
    expect(resolveWorkspaceDir({ env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, platform: 'win32', home: 'C:\\Users\\ada' })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\edgelab',
    );
  });
});
