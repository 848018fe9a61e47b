import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunRecord } from '../api/run-record.js';

/**
 * The state of a Jetson that changes its numbers without changing the machine: whether the clocks
 * are locked (`jetson_clocks` pins every CPU, the GPU and EMC at their maximum; without it DVFS
 * raises them under load, so the first iterations run slow and latency varies), and the fan. The
 * power mode (nvpmodel) and the L4T release are read in jetson.ts.
 */
export interface JetsonClocks {
  /** True when every clock `jetson_clocks --show` lists has MinFreq = MaxFreq; null when it could not be read. */
  locked: boolean | null;
  /** What decided it, or why it is unknown. */
  detail: string;
  /** The power mode the same output names (`NV Power Mode: MAXN`), when it does. */
  powerMode: string | null;
}

export interface JetsonFan {
  /** PWM duty 0–255 as the fan driver reports it; null when not readable. */
  pwm: number | null;
  /** `active` when the fan follows temperature (Dynamic Speed control), as jetson_clocks prints it. */
  control: string | null;
  source: string;
}

interface ClockLine {
  name: string;
  minFreq: number;
  maxFreq: number;
  currentFreq: number;
}

/**
 * `sudo jetson_clocks --show`: one line per CPU (`cpu0: Online=1 Governor=schedutil MinFreq=729600
 * MaxFreq=2201600 CurrentFreq=…`), then `GPU MinFreq=… MaxFreq=…`, `EMC … FreqOverride=0`, DLA and
 * PVA lines, `FAN …` and `NV Power Mode: MAXN`. jetson_clocks locks by raising MinFreq to MaxFreq.
 */
export function parseJetsonClocksShow(text: string): { clocks: JetsonClocks; fan: JetsonFan | null } {
  const lines: ClockLine[] = [];
  let emcOverride: boolean | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const name = /^(cpu\d+|GPU|EMC)\b/.exec(line)?.[1];
    const min = /MinFreq=(\d+)/.exec(line);
    const max = /MaxFreq=(\d+)/.exec(line);
    const cur = /CurrentFreq=(\d+)/.exec(line);
    if (name && /Online=0/.test(line)) continue;
    if (name && min && max) lines.push({ name, minFreq: Number(min[1]), maxFreq: Number(max[1]), currentFreq: cur ? Number(cur[1]) : NaN });
    if (name === 'EMC') emcOverride = /FreqOverride=1/.test(line) ? true : /FreqOverride=0/.test(line) ? false : null;
  }
  const powerMode = /NV Power Mode:\s*(\S+)/.exec(text)?.[1] ?? null;
  const fanLine = /FAN\s+(?:Dynamic Speed control=(\S+))?\s*(?:\S*pwm\d*=(\d+))?/.exec(text);
  const fan = fanLine ? { pwm: fanLine[2] !== undefined ? Number(fanLine[2]) : null, control: fanLine[1] ?? null, source: 'jetson_clocks --show' } : null;
  if (lines.length === 0) {
    return { clocks: { locked: null, detail: 'jetson_clocks --show printed no clock lines (it needs root: sudo).', powerMode }, fan };
  }
  const floating = lines.filter((l) => l.minFreq !== l.maxFreq && !(l.name === 'EMC' && emcOverride === true));
  const locked = floating.length === 0;
  const mhz = (hz: number) => (hz >= 1e8 ? hz / 1e6 : hz / 1e3).toFixed(0);
  return {
    clocks: {
      locked,
      detail: locked
        ? `all ${lines.length} clocks (CPUs, GPU, EMC) have MinFreq = MaxFreq`
        : `${floating.map((l) => `${l.name} ${mhz(l.minFreq)}–${mhz(l.maxFreq)} MHz`).slice(0, 4).join(', ')}${floating.length > 4 ? ` and ${floating.length - 4} more` : ''} can still change speed`,
      powerMode,
    },
    fan,
  };
}

/** The power modes `nvpmodel -p --verbose` lists (`POWER_MODEL: ID=0 NAME=MAXN`) and the default. */
export function parseNvpmodelModes(text: string): { modes: { id: number; name: string }[]; defaultMode: string | null } {
  const modes = [...text.matchAll(/POWER_MODEL:\s*ID=(\d+)\s+NAME=(\S+)/g)].map((m) => ({ id: Number(m[1]), name: m[2]! }));
  return { modes, defaultMode: /PM_CONFIG:\s*DEFAULT=(\S+)/.exec(text)?.[1] ?? null };
}

/**
 * Runs `jetson_clocks --show`; null when the command is missing or refuses (it needs root). With
 * `EDGELAB_JETSON_CLOCKS_SUDO=1` (the jobs `edgelab ci init` writes set it, beside a sudoers entry
 * for jetson_clocks) a refusal is retried as `sudo -n jetson_clocks --show`, so a run on a CI runner
 * records the clocks its job locked instead of "unknown". Never without that opt-in, and `-n` never
 * waits for a password.
 */
export async function queryJetsonClocks(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const plain = await showClocks('jetson_clocks', ['--show']);
  if (plain !== null || env.EDGELAB_JETSON_CLOCKS_SUDO !== '1') return plain;
  return showClocks('sudo', ['-n', 'jetson_clocks', '--show']);
}

function showClocks(command: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 5000 }, (error, stdout) => resolve(error ? null : stdout));
  });
}

/** The fan's PWM from the hwmon driver (`pwmfan`, `pwm-fan`), for when jetson_clocks cannot be run. */
export async function readFanPwm(root = '/'): Promise<JetsonFan | null> {
  const base = join(root, 'sys/class/hwmon');
  const entries = await readdir(base).catch(() => [] as string[]);
  for (const entry of entries) {
    const name = (await readFile(join(base, entry, 'name'), 'utf8').catch(() => '')).trim();
    if (!/fan/i.test(name)) continue;
    const pwm = Number((await readFile(join(base, entry, 'pwm1'), 'utf8').catch(() => '')).trim());
    if (Number.isFinite(pwm)) return { pwm, control: null, source: `/sys/class/hwmon/${entry}/pwm1 (${name})` };
  }
  return null;
}

export async function readJetsonState(root = '/', query: () => Promise<string | null> = queryJetsonClocks): Promise<{ clocks: JetsonClocks; fan: JetsonFan | null }> {
  const shown = await query();
  if (shown === null) {
    return {
      clocks: { locked: null, detail: 'jetson_clocks --show could not be run (it needs root, or JetPack\'s jetson_clocks is not installed).', powerMode: null },
      fan: await readFanPwm(root),
    };
  }
  const parsed = parseJetsonClocksShow(shown);
  return { clocks: parsed.clocks, fan: parsed.fan ?? (await readFanPwm(root)) };
}

/**
 * A run on a Jetson whose clocks float gets a typed warning: DVFS ramps clocks with load, so the
 * same model reads faster or slower from run to run, and a comparison measures the governor.
 */
export function addJetsonWarnings(record: RunRecord): void {
  if (record.state !== 'completed') return;
  const jetson = record.hardware?.['jetson'] as { clocks?: JetsonClocks; powerMode?: { name: string } | null } | null | undefined;
  if (jetson?.clocks?.locked !== false) return;
  record.warnings.push({
    code: 'jetson-clocks-not-locked',
    message: `The Jetson's clocks were not locked during this run (${jetson.clocks.detail}${jetson.powerMode ? `; power mode ${jetson.powerMode.name}` : ''}).`,
    advice: 'Run `sudo jetson_clocks` (after choosing the power mode with `sudo nvpmodel -m N`) before measuring, so every run starts at the same clocks; otherwise compare only runs taken in the same state.',
  });
}
