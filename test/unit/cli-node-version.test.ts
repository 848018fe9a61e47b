import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../bin/node-version.js';

describe('the Node version edgelab accepts', () => {
  it('refuses Node older than 22.12 with the version, the binary and what to do', () => {
    for (const old of ['20.20.2', '22.11.0', '18.0.0']) {
      const message = nodeVersionProblem(old, '/usr/bin/node');
      expect(message).toContain(`this is Node ${old} (/usr/bin/node)`);
      expect(message).toContain('needs Node 22.12 or later');
      // What to do: the launcher that brings Node 24 from the npm registry, or nodejs.org.
      expect(message).toContain('`npm run node24`');
      expect(message).toContain('https://nodejs.org');
    }
  });

  it('accepts 22.12 and later', () => {
    for (const ok of ['22.12.0', '22.20.1', '23.0.0', '24.11.1']) expect(nodeVersionProblem(ok, 'node')).toBeNull();
  });

  // The real check on a real old Node, where the machine has one (Debian's /usr/bin/node is 20 here).
  const systemNode = '/usr/bin/node';
  const systemVersion = existsSync(systemNode) ? spawnSync(systemNode, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim() : '';
  it.runIf(systemVersion !== '' && nodeVersionProblem(systemVersion, systemNode) !== null)(`bin/edgelab.js on Node ${systemVersion || '(none)'} says so and exits 3 before importing the lab`, () => {
    const result = spawnSync(systemNode, [path.resolve('bin/edgelab.js'), 'inspect', 'x.onnx'], { encoding: 'utf8' });
    expect(result.status).toBe(3);
    expect(result.stderr).toContain(`this is Node ${systemVersion}`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });
});
