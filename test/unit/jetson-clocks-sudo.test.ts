import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryJetsonClocks, readJetsonState } from '../../core/hardware/jetson-state.js';

/**
 * Neither JetPack's jetson_clocks nor sudo is here: two stand-ins on PATH play them. The jetson_clocks
 * one prints the `sudo jetson_clocks --show` output recorded on an AGX Orin (test/fixtures/trtexec-runs/
 * README.md) when run as root, and refuses otherwise, as the real one does; the sudo one runs `-n`
 * commands as "root" and notes that it was called, or refuses as `sudo -n` does without a sudoers entry.
 */
let bin = '';
let savedPath: string | undefined;
const recorded = new URL('../fixtures/trtexec-runs/jetson/jetson_clocks-show_agx-orin-64gb-dsboard_maxn_branes.txt', import.meta.url);

beforeAll(async () => {
  bin = await mkdtemp(path.join(tmpdir(), 'edgelab-jetson-bin-'));
  const shown = (await readFile(recorded, 'utf8')).split('\n').slice(1).join('\n');
  await writeFile(path.join(bin, 'jetson-clocks-show.txt'), shown);
  await writeFile(path.join(bin, 'jetson_clocks'), `#!/bin/sh\n[ "\${STAND_IN_ROOT:-}" = 1 ] || { echo "jetson_clocks: must be run as root" >&2; exit 1; }\ncat "${bin}/jetson-clocks-show.txt"\n`);
  await writeFile(path.join(bin, 'sudo'), `#!/bin/sh\ntouch "${bin}/sudo-called"\n[ "$1" = -n ] && [ -z "\${STAND_IN_SUDO_REFUSES:-}" ] || { echo "sudo: a password is required" >&2; exit 1; }\nshift\nSTAND_IN_ROOT=1 exec "$@"\n`);
  await chmod(path.join(bin, 'jetson_clocks'), 0o755);
  await chmod(path.join(bin, 'sudo'), 0o755);
  savedPath = process.env.PATH;
  process.env.PATH = `${bin}${path.delimiter}${savedPath ?? ''}`;
});

afterAll(async () => {
  process.env.PATH = savedPath;
  if (bin) await rm(bin, { recursive: true, force: true });
});

const sudoCalled = () => readFile(path.join(bin, 'sudo-called')).then(() => true, () => false);

describe('reading the clocks through sudo -n, only when asked to', () => {
  it('never calls sudo without EDGELAB_JETSON_CLOCKS_SUDO=1: the clock state is recorded as unknown', async () => {
    expect(await queryJetsonClocks({})).toBeNull();
    expect(await sudoCalled()).toBe(false);
    const state = await readJetsonState(bin, () => queryJetsonClocks({}));
    expect(state.clocks.locked).toBeNull();
  });

  it('with EDGELAB_JETSON_CLOCKS_SUDO=1, reads what sudo -n jetson_clocks --show prints', async () => {
    const env = { EDGELAB_JETSON_CLOCKS_SUDO: '1' };
    const state = await readJetsonState(bin, () => queryJetsonClocks(env));
    expect(await sudoCalled()).toBe(true);
    expect(state.clocks.powerMode).toBe('MAXN');
    expect(state.clocks.locked).toBe(false);
    expect(state.fan).toEqual({ pwm: 3, control: 'active', source: 'jetson_clocks --show' });
  });

  it('with the opt-in but no sudoers entry, sudo -n refuses at once and the state stays unknown', async () => {
    process.env.STAND_IN_SUDO_REFUSES = '1';
    try {
      expect(await queryJetsonClocks({ EDGELAB_JETSON_CLOCKS_SUDO: '1' })).toBeNull();
    } finally {
      delete process.env.STAND_IN_SUDO_REFUSES;
    }
  });
});
