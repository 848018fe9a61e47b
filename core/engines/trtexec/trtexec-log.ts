import { TrtexecSummaryLines, tensorrtVersion as tensorrtVersionFromNumber, type TrtexecSummary } from '../../telemetry/trtexec.js';

/**
 * What a trtexec console log says about the run beyond its performance summary: the TensorRT
 * release, the device, the options that decide what the numbers mean (data transfers, CUDA graphs,
 * spin-wait, precision, DLA), how long the engine took to build or load, and how the run ended.
 * Recorded logs from TensorRT 8.0 to 10.16 share these `[I] Name: value` lines.
 */
export interface TrtexecLog {
  /** `10.16.1`, from `TensorRT version:` or the `&&&& … [TensorRT v101601]` line. */
  tensorrtVersion: string | null;
  /** The command line after `# ` on the `&&&& RUNNING` line. */
  commandLine: string | null;
  device: string | null;
  computeCapability: string | null;
  deviceMemoryMiB: number | null;
  /** `FP32`, `FP32+FP16`, `FP32+FP16+INT8` as printed. */
  precision: string | null;
  /** `--useDLACore`: the core number, null when the run used no DLA. */
  dlaCore: number | null;
  /** True when H2D and D2H copies were timed with each iteration (`Data transfers: Enabled`). */
  dataTransfers: boolean | null;
  spinWait: boolean | null;
  cudaGraph: boolean | null;
  separateProfiling: boolean | null;
  /** The ONNX file the engine was built from (`Model:`), when one was. */
  modelPath: string | null;
  engineBuildS: number | null;
  /** `Engine loaded in` (reading a saved plan) and `Engine deserialized in`, summed when both print. */
  engineLoadS: number | null;
  outcome: 'passed' | 'failed' | 'incomplete';
  /** For a failed or incomplete run: the lines that say why (errors, an assertion, the last words). */
  decisiveLines: string[];
  /** `[W]` lines outside the performance summary, as printed (without the time stamp). */
  warnings: string[];
  summary: TrtexecSummary | null;
  /** The first time stamp of the log (`07/07/2026-02:10:45`), the machine's local time with no zone. */
  loggedStart: string | null;
  /**
   * The input buffers trtexec created, as it logs them: `Input binding for x with dimensions
   * 1x1x28x28 and type fp32 is created.` (TensorRT 10) or `Created input binding for x with
   * dimensions 4x1x28x28` (8.x, no type).
   */
  inputBindings: { name: string; shape: number[]; dtype: string | null }[];
  /** Where the run wrote --exportTimes / --exportProfile: '' when the log says none, null when it does not say. */
  exportTimesFile: string | null;
  exportProfileFile: string | null;
}

// `[03/11/2022-14:57:03] [I] ` before every line; one published log doubles the time stamp.
const PREFIX = /^(?:\[\d\d\/\d\d\/\d{4}-[\d:]+\]\s*)*(?:\[([IWEVF])\]\s*)?/;

const onOff = (value: string | undefined): boolean | null =>
  value === undefined ? null : /^Enabled/i.test(value) ? true : /^Disabled/i.test(value) ? false : null;

export function parseTrtexecLog(text: string): TrtexecLog {
  const lines = new TrtexecLogLines();
  for (const rawLine of text.split(/\r?\n/)) lines.line(rawLine);
  return lines.result();
}

/** The log read a line at a time, so a long verbose log is never held whole. */
export class TrtexecLogLines {
  private readonly fields = new Map<string, string>();
  private readonly warnings: string[] = [];
  private readonly errors: string[] = [];
  private readonly lastWords: string[] = [];
  private commandLine: string | null = null;
  private ending: 'passed' | 'failed' | null = null;
  private versionNumber: string | null = null;
  private engineBuildS: number | null = null;
  private engineLoadS: number | null = null;
  private inSummary = false;
  private loggedStart: string | null = null;
  private readonly inputBindings: TrtexecLog['inputBindings'] = [];
  private readonly summary = new TrtexecSummaryLines();

  line(rawLine: string): void {
    this.summary.line(rawLine);
    // TensorRT 7 prints no `[TensorRT v…]` on these lines.
    const running = /^&&&& (RUNNING|PASSED|FAILED) TensorRT\.trtexec(?: \[TensorRT v(\d+)\])?(?:\s*\[[^\]]*\])?\s*#\s*(.*)$/.exec(rawLine);
    if (running) {
      this.versionNumber = running[2] ?? this.versionNumber;
      if (running[1] === 'RUNNING') this.commandLine = running[3]!.trim();
      if (running[1] === 'PASSED' || running[1] === 'FAILED') this.ending = running[1] === 'PASSED' ? 'passed' : 'failed';
      return;
    }
    this.loggedStart ??= /^\[(\d\d\/\d\d\/\d{4}-[\d:]+)\]/.exec(rawLine)?.[1] ?? null;
    const prefix = PREFIX.exec(rawLine);
    const level = prefix?.[1] ?? null;
    const line = rawLine.slice(prefix?.[0].length ?? 0).trim();
    if (line === '') return;
    if (line.startsWith('=== Performance summary ===')) this.inSummary = true;
    if (level === 'E' || level === 'F' || /Assertion .* failed|Segmentation fault|core dumped|terminate called/i.test(line)) this.errors.push(line);
    if (level === 'W' && !this.inSummary) this.warnings.push(line);
    if (level !== 'V') {
      this.lastWords.push(line);
      if (this.lastWords.length > 5) this.lastWords.shift();
    }
    // The facts below are info lines; a verbose build log is mostly [V] lines, skipped here.
    if (level !== 'I') return;
    const binding = /^(?:Created input binding for (\S+) with dimensions (\d+(?:x\d+)*)$|Input binding for (\S+) with dimensions (\d+(?:x\d+)*) and type (\w+) is created\.?$)/.exec(line);
    if (binding) {
      const name = binding[1] ?? binding[3]!;
      if (!this.inputBindings.some((b) => b.name === name)) this.inputBindings.push({ name, shape: (binding[2] ?? binding[4]!).split('x').map(Number), dtype: binding[5] ?? null });
    }
    const built = /^Engine built in ([\d.]+) sec/.exec(line);
    if (built) this.engineBuildS = Number(built[1]);
    const loaded = /^Engine (?:loaded|deserialized) in ([\d.]+) sec/.exec(line);
    if (loaded) this.engineLoadS = (this.engineLoadS ?? 0) + Number(loaded[1]);
    const field = /^([A-Za-z][A-Za-z0-9 ()/-]*?):\s*(.*)$/.exec(line);
    if (field && !this.fields.has(field[1]!)) this.fields.set(field[1]!, field[2]!.trim());
  }

  result(): TrtexecLog {
    const { fields, errors, lastWords, versionNumber } = this;
    let summary: TrtexecSummary | null = null;
    try {
      summary = this.summary.result();
    } catch {
      summary = null;
    }
    const versionField = fields.get('TensorRT version');
    const tensorrtVersion = versionField
      ? /^\d+$/.test(versionField) ? tensorrtVersionFromNumber(versionField) : versionField
      : versionNumber !== null ? tensorrtVersionFromNumber(versionNumber) : null;
    const memory = /^(\d+) MiB/.exec(fields.get('Device Global Memory') ?? '');
    const dla = fields.get('DLACore');
    const outcome = this.ending ?? 'incomplete';
    return {
      tensorrtVersion,
      commandLine: this.commandLine,
      device: fields.get('Selected Device') || null,
      computeCapability: fields.get('Compute Capability') || null,
      deviceMemoryMiB: memory ? Number(memory[1]) : null,
      precision: fields.get('Precision') || null,
      dlaCore: dla !== undefined && /^\d+$/.test(dla) ? Number(dla) : null,
      dataTransfers: onOff(fields.get('Data transfers')),
      spinWait: onOff(fields.get('Spin-wait')),
      cudaGraph: onOff(fields.get('CUDA Graph')),
      separateProfiling: onOff(fields.get('Separate profiling')),
      modelPath: fields.get('Model') || null,
      engineBuildS: this.engineBuildS,
      engineLoadS: this.engineLoadS,
      outcome,
      decisiveLines: outcome === 'passed' ? [] : errors.length > 0 ? errors.slice(-5) : lastWords,
      warnings: this.warnings,
      summary,
      loggedStart: this.loggedStart,
      inputBindings: this.inputBindings,
      exportTimesFile: fields.get('Export timing to JSON file') ?? null,
      exportProfileFile: fields.get('Export profile to JSON file') ?? null,
    };
  }
}
