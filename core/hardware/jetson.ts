import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JetsonInfo, JetsonPowerMode } from './hardware-info.js';
import { queryJetsonClocks, readJetsonState } from './jetson-state.js';

/**
 * Jetson identification from the files and command NVIDIA's own tools read: the device-tree model,
 * /etc/nv_tegra_release (the L4T release) and `nvpmodel -q` (the power mode, which changes clocks
 * and online cores, so two runs in different modes are not on the same machine for comparison).
 */

/** /etc/nv_tegra_release: `# R36 (release), REVISION: 4.4, GCID: 41062509, BOARD: generic, EABI: aarch64, DATE: ...` */
export interface TegraRelease {
  /** `36.4.4`: the L4T release as NVIDIA writes it (R36 revision 4.4). */
  release: string;
  major: number;
  revision: string;
  board: string | null;
  gcid: string | null;
  /** As printed; formats differ between releases (12- and 24-hour clocks), so it is not parsed. */
  date: string | null;
  /** `oot` on JetPack 6 (out-of-tree kernel modules), null before. */
  kernelVariant: string | null;
}

export function parseTegraRelease(text: string): TegraRelease | null {
  const head = /^#\s*R(\d+)\s*\(release\),\s*REVISION:\s*([\d.]+)(.*)$/m.exec(text);
  if (!head) return null;
  const rest = head[3] ?? '';
  const field = (name: string) => new RegExp(`${name}:\\s*([^,]+?)\\s*(?:,|$)`).exec(rest)?.[1] ?? null;
  return {
    release: `${head[1]}.${head[2]}`,
    major: Number(head[1]),
    revision: head[2]!,
    board: field('BOARD'),
    gcid: field('GCID'),
    date: field('DATE'),
    kernelVariant: /^#\s*KERNEL_VARIANT:\s*(\S+)/m.exec(text)?.[1] ?? null,
  };
}

/** The device-tree model file ends with a NUL byte; pasted copies end with a newline. */
export function parseDeviceTreeModel(text: string): string | null {
  const model = text.replace(/\0/g, '').trim();
  return model.length > 0 ? model : null;
}

/** `NV Power Mode: MODE_30W` then the mode number on the next line (warnings may come first). */
export function parseNvpmodelQuery(text: string): JetsonPowerMode | null {
  const match = /NV Power Mode:[ \t]*(\S+)[ \t]*(?:\r?\n[ \t]*(\d+))?/.exec(text);
  if (!match) return null;
  return { name: match[1]!, id: match[2] !== undefined ? Number(match[2]) : null };
}

// Device-tree models seen on Jetsons: `NVIDIA Jetson AGX Orin Developer Kit`, `NVIDIA Orin Nano
// Developer Kit` (no "Jetson"), `jetson_tx1`, `Jetson-AGX` and `jetson-xavier` (L4T 32.x).
const JETSON_MODEL = /jetson|^nvidia\b|tegra/i;

export function isJetsonModel(model: string): boolean {
  return JETSON_MODEL.test(model);
}

export async function readDeviceTreeModel(root = '/'): Promise<string | null> {
  for (const path of ['proc/device-tree/model', 'sys/firmware/devicetree/base/model']) {
    const text = await readOptional(join(root, path));
    if (text !== null) return parseDeviceTreeModel(text);
  }
  return null;
}

/** Runs `nvpmodel -q`; null when the command is missing or fails (it is optional on a Jetson). */
export function queryNvpmodel(): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('nvpmodel', ['-q'], { timeout: 3000 }, (error, stdout) => resolve(error ? null : stdout));
  });
}

/**
 * The Jetson this is, or null. `root` and `queryPowerMode` let a test point at a recorded file tree.
 */
export async function readJetson(
  root = '/',
  queryPowerMode: () => Promise<string | null> = queryNvpmodel,
  queryClocks: () => Promise<string | null> = queryJetsonClocks,
): Promise<JetsonInfo | null> {
  const model = await readDeviceTreeModel(root);
  const releaseText = await readOptional(join(root, 'etc/nv_tegra_release'));
  const release = releaseText === null ? null : parseTegraRelease(releaseText);
  if (release === null && (model === null || !isJetsonModel(model))) return null;
  const modeText = await queryPowerMode();
  const state = await readJetsonState(root, queryClocks);
  return {
    model,
    l4tRelease: release?.release ?? null,
    l4tBoard: release?.board ?? null,
    powerMode: modeText === null ? null : parseNvpmodelQuery(modeText),
    clocks: state.clocks,
    fan: state.fan,
  };
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}
