import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildIsStale, planStart } from '../../core/desktop/start-plan.js';

describe('npm start -- flags', () => {
  test('a relative --workspace means the folder npm start was typed in (INIT_CWD), for both faces', () => {
    const plan = planStart(['--workspace', 'evidence'], { cwd: '/opt/edgelab', initCwd: '/home/ana/yolo' });
    expect(plan.workspace).toBe(path.resolve('/home/ana/yolo', 'evidence'));
    expect(plan.appArgs).toEqual(['--workspace', path.resolve('/home/ana/yolo', 'evidence')]);
    expect(plan.serveArgs).toEqual(['--workspace', path.resolve('/home/ana/yolo', 'evidence'), '--open']);
  });

  test('--workspace=DIR works too, and without INIT_CWD the current folder is the base', () => {
    expect(planStart(['--workspace=ws'], { cwd: '/srv/lab' }).workspace).toBe(path.resolve('/srv/lab', 'ws'));
  });

  test('--browser and --no-open are the launcher\'s own; other flags go to serve only', () => {
    const plan = planStart(['--browser', '--port', '0', '--no-open', '--host', '127.0.0.1'], { cwd: '/x' });
    expect(plan.browserOnly).toBe(true);
    expect(plan.openBrowser).toBe(false);
    expect(plan.serveArgs).toEqual(['--port', '0', '--host', '127.0.0.1']);
    expect(plan.appArgs).toEqual([]);
  });
});

describe('rebuilding the shell', () => {
  const built = [
    { path: 'dist/electron/main.js', mtimeMs: 2_000 },
    { path: 'dist/electron/preload.cjs', mtimeMs: 2_100 },
  ];

  test('a source edited after the oldest output makes it stale', () => {
    expect(buildIsStale([{ path: 'electron/main.ts', mtimeMs: 1_000 }, { path: 'core/lab/lab-service.ts', mtimeMs: 2_050 }], built)).toBe(true);
  });

  test('sources older than every output need nothing', () => {
    expect(buildIsStale([{ path: 'electron/main.ts', mtimeMs: 1_999 }], built)).toBe(false);
  });

  test('a missing output is stale whatever the times', () => {
    expect(buildIsStale([], [built[0]!, null])).toBe(true);
    expect(buildIsStale([], [])).toBe(true);
  });
});
