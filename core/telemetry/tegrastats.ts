import { LabError } from '../api/errors.js';

/**
 * One line of `tegrastats` output, from the Jetson TX1 era (`cpu [2%,5%]@1734 EMC 0%@1600 GR3D 0%@998`)
 * to JetPack 6 (`CPU [0%@729,off] GR3D_FREQ 0%@[305,305] ... VDD_IN 4233mW/4233mW`). Fields the line
 * does not print are null, so an older board's line is not mistaken for an idle one.
 */
export interface TegrastatsSample {
  /** `MM-DD-YYYY HH:MM:SS` as printed (JetPack 5 and later); local time of the board, no zone. */
  timestamp: string | null;
  ramUsedMiB: number | null;
  ramTotalMiB: number | null;
  swapUsedMiB: number | null;
  swapTotalMiB: number | null;
  cpus: TegrastatsCpu[];
  /** The 3D engine (GR3D_FREQ, or GR3D on the oldest releases): the GPU. */
  gpu: EngineLoad | null;
  /** External memory controller: its load is the DRAM bandwidth in use. */
  emc: EngineLoad | null;
  /** Other engines (VIC, APE, NVENC, NVDEC, NVDLA, PVA, GR3D2 ...). `off` prints as null load and clock. */
  engines: NamedEngine[];
  /** Degrees Celsius per sensor as named on the line; a sensor that is off (-256C) is null. */
  temperaturesC: Record<string, number | null>;
  /** Rails in print order; a name can repeat (`NC 0mW/0mW ... NC 0mW/0mW` on AGX Orin). */
  powerRails: PowerRail[];
  /** Tokens this parser did not recognise, kept so that a new JetPack's field is seen, not dropped. */
  unparsed: string[];
}

export interface TegrastatsCpu {
  core: number;
  online: boolean;
  loadPercent: number | null;
  freqMHz: number | null;
}

export interface EngineLoad {
  loadPercent: number | null;
  freqMHz: number | null;
  /** Per-GPC clocks when printed as `0%@[305,305]`; `freqMHz` is then the highest of them. */
  freqsMHz: number[];
}

export interface NamedEngine extends EngineLoad {
  name: string;
}

export interface PowerRail {
  name: string;
  currentMw: number;
  averageMw: number;
}

/** A reading of a sensor that is not fitted or powered down, which tegrastats prints as -256C. */
const SENSOR_OFF_C = -256;

// JetPack 7 prints two readings per sensor (`cpu@52.968C/52.968C`); the first is the current one.
const TEMPERATURE = /^([A-Za-z][A-Za-z0-9_]*)@(-?\d+(?:\.\d+)?)C(?:\/-?\d+(?:\.\d+)?C)?$/;
// Old releases print rails without units (always milliwatts); JetPack 5+ appends mW to both values;
// JetPack 7 adds a third value (`5139mW/5139mW/5139mW`): current and average come first in every form.
const RAIL = /^(\d+)(?:mW)?\/(\d+)(?:mW)?(?:\/\d+(?:mW)?)?$/;
const USED_TOTAL = /^(\d+)\/(\d+)(kB|MB|GB)?/;
// Thor (R38) prints some engines with a clock and no load: `GR3D_FREQ @[314,314,314]`, `NVENC0_FREQ @314`.
const LOAD_AT_FREQ = /^(?:(\d+)%)?(?:@(?:\[([\d,]+)\]|(\d+)))?$/;
const DATE = /^\d{2}-\d{2}-\d{4}$/;
const TIME = /^\d{2}:\d{2}:\d{2}$/;

export function parseTegrastatsLine(line: string): TegrastatsSample {
  const tokens = line.trim().split(/\s+/).filter((t) => t.length > 0);
  const sample: TegrastatsSample = {
    timestamp: null,
    ramUsedMiB: null,
    ramTotalMiB: null,
    swapUsedMiB: null,
    swapTotalMiB: null,
    cpus: [],
    gpu: null,
    emc: null,
    engines: [],
    temperaturesC: {},
    powerRails: [],
    unparsed: [],
  };

  let i = 0;
  const first = tokens[0];
  const second = tokens[1];
  if (first !== undefined && second !== undefined && DATE.test(first) && TIME.test(second)) {
    sample.timestamp = `${first} ${second}`;
    i = 2;
  }

  while (i < tokens.length) {
    const token = tokens[i]!;
    const next = tokens[i + 1];

    const temperature = TEMPERATURE.exec(token);
    if (temperature) {
      const celsius = Number(temperature[2]);
      sample.temperaturesC[temperature[1]!] = celsius === SENSOR_OFF_C ? null : celsius;
      i += 1;
      continue;
    }

    if ((token === 'RAM' || token === 'SWAP' || token === 'IRAM') && next !== undefined) {
      const usedTotal = USED_TOTAL.exec(next);
      if (usedTotal) {
        const used = toMiB(Number(usedTotal[1]), usedTotal[3]);
        const total = toMiB(Number(usedTotal[2]), usedTotal[3]);
        if (token === 'RAM') [sample.ramUsedMiB, sample.ramTotalMiB] = [used, total];
        if (token === 'SWAP') [sample.swapUsedMiB, sample.swapTotalMiB] = [used, total];
        // IRAM (on-chip SRAM) is not memory a model can use; it is read past, not reported.
        i = skipParenthesised(tokens, i + 1);
        continue;
      }
    }

    if (token.toUpperCase() === 'CPU' && next?.startsWith('[')) {
      sample.cpus = parseCpus(next);
      i += 2;
      continue;
    }

    // `MTS fg 0% bg 0%`: Denver/Carmel foreground and background time, not a per-core load.
    if (token === 'MTS' && next === 'fg') {
      i += 5;
      continue;
    }
    // `EDP limit 1734`: the oldest boards' electrical design point cap, a setting rather than a reading.
    if (token === 'EDP' && next === 'limit') {
      i += 3;
      continue;
    }

    if (next !== undefined) {
      const rail = RAIL.exec(next);
      if (rail) {
        sample.powerRails.push({ name: token, currentMw: Number(rail[1]), averageMw: Number(rail[2]) });
        i += 2;
        continue;
      }
      const engine = parseEngine(next);
      if (engine && /^[A-Z][A-Z0-9_]*$/.test(token)) {
        if (token === 'GR3D_FREQ' || token === 'GR3D') sample.gpu = engine;
        else if (token === 'EMC_FREQ' || token === 'EMC') sample.emc = engine;
        else sample.engines.push({ name: token, ...engine });
        i += 2;
        continue;
      }
    }

    sample.unparsed.push(token);
    i += 1;
  }

  if (sample.ramTotalMiB === null) {
    throw new LabError(
      'input',
      `Not a tegrastats line (no "RAM used/totalMB" field): "${line.slice(0, 120)}"`,
      'Pass one line of `tegrastats` output, as the command prints it on a Jetson.',
    );
  }
  return sample;
}

function toMiB(value: number, unit: string | undefined): number {
  if (unit === 'kB') return value / 1024;
  if (unit === 'GB') return value * 1024;
  return value;
}

/** Skips `(lfb 98x4MB)`, `(cached 1MB)` and `0/252kB(lfb 252kB)`: fragmentation and cache details. */
function skipParenthesised(tokens: string[], from: number): number {
  let i = from;
  const current = tokens[i];
  if (current !== undefined && current.includes('(') && !current.includes(')')) {
    while (i < tokens.length && !tokens[i]!.includes(')')) i += 1;
    return i + 1;
  }
  i += 1;
  const following = tokens[i];
  if (following?.startsWith('(')) {
    while (i < tokens.length && !tokens[i]!.includes(')')) i += 1;
    i += 1;
  }
  return i;
}

/**
 * `[16%@204,off,9%@204]` (per-core clock) or `[17%,13%,29%,5%]@408` (TX1 era: one clock for the
 * cluster). An `off` core is offline (power mode or hotplug), which is not the same as idle.
 */
function parseCpus(token: string): TegrastatsCpu[] {
  const close = token.indexOf(']');
  const inner = token.slice(1, close < 0 ? undefined : close);
  const shared = close >= 0 ? /^@(\d+)$/.exec(token.slice(close + 1)) : null;
  const sharedFreq = shared ? Number(shared[1]) : null;
  return inner.split(',').map((entry, core) => {
    if (entry === 'off') return { core, online: false, loadPercent: null, freqMHz: null };
    const match = /^(\d+)%(?:@(\d+))?$/.exec(entry);
    return {
      core,
      online: true,
      loadPercent: match ? Number(match[1]) : null,
      freqMHz: match?.[2] !== undefined ? Number(match[2]) : sharedFreq,
    };
  });
}

/** `62%@306`, `0%@[305,305]`, `0%` (load, no clock), `729` or `@314` (clock only), `off`. */
function parseEngine(token: string): EngineLoad | null {
  if (token === 'off') return { loadPercent: null, freqMHz: null, freqsMHz: [] };
  if (/^\d+$/.test(token)) return { loadPercent: null, freqMHz: Number(token), freqsMHz: [] };
  const match = LOAD_AT_FREQ.exec(token);
  if (!match || token === '') return null;
  const freqsMHz = match[2] !== undefined ? match[2].split(',').map(Number) : match[3] !== undefined ? [Number(match[3])] : [];
  return {
    loadPercent: match[1] !== undefined ? Number(match[1]) : null,
    freqMHz: freqsMHz.length > 0 ? Math.max(...freqsMHz) : null,
    freqsMHz,
  };
}
