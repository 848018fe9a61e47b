import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { secondInstanceNotice, workspaceFromArgv } from '../../electron/app-args.js';

describe('--workspace on the app command line', () => {
  test('read after the entry script, among the switches Chromium adds', () => {
    const argv = ['/opt/electron/electron', '/src/edgelab/dist/electron/main.js', '--workspace', 'ws', '--original-process-start-time=13372946'];
    expect(workspaceFromArgv(argv, '/home/ana')).toBe(path.resolve('/home/ana', 'ws'));
    expect(workspaceFromArgv(['/opt/edgelab/edgelab', '--workspace=/data/evidence'], '/')).toBe(path.resolve('/data/evidence'));
  });
  test('absent, or a trailing flag without a value, is no request', () => {
    expect(workspaceFromArgv(['/opt/edgelab/edgelab'], '/')).toBeUndefined();
    expect(workspaceFromArgv(['/opt/edgelab/edgelab', '--workspace'], '/')).toBeUndefined();
  });
});

describe('a second start', () => {
  test('for the same workspace only focuses the window', () => {
    expect(secondInstanceNotice('/data/ws', { workspace: '/data/ws' })).toBeNull();
    expect(secondInstanceNotice('/data/ws', { workspace: '/data/ws/' })).toBeNull();
  });
  test('for another workspace says which one is open and how to switch', () => {
    expect(secondInstanceNotice('/data/ws', { workspace: '/data/other' })).toBe(
      'edgelab is already open on the evidence workspace /data/ws. To use /data/other, quit edgelab and start it again with --workspace /data/other.',
    );
  });
  test('from an older build or a malformed message is treated as a plain focus', () => {
    expect(secondInstanceNotice('/data/ws', null)).toBeNull();
    expect(secondInstanceNotice('/data/ws', {})).toBeNull();
    expect(secondInstanceNotice('/data/ws', { workspace: 42 })).toBeNull();
  });
});
