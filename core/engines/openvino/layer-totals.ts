import type { LayerTotals, ParsedCounters, PerfCounter } from './perf-counters.js';

/**
 * Per-layer counters summed over infer requests as they are read, so a counters file of thousands
 * of requests costs memory for its distinct layers only, never for its blocks. Sums are taken in
 * file order, the order the blocks came in, so each mean is the mean of the blocks as written.
 */
export class CounterTotals {
  private readonly byName = new Map<string, LayerTotals>();
  /** Blocks read (empty ones too where the format writes them, as the CSV's Total row does). */
  blocks = 0;
  /** The first block's infer request, when it states one. */
  firstRequest: number | null = null;
  /** The executed layers of the first block, to check against an execution graph. */
  readonly firstBlockExecuted: string[] = [];
  allZero = true;
  private open: { request: number | null; size: number } | null = null;

  begin(request: number | null): void {
    this.open = { request, size: 0 };
  }

  add(c: PerfCounter): void {
    this.open ??= { request: null, size: 0 };
    this.open.size += 1;
    if (this.blocks === 0 && c.status === 'EXECUTED') this.firstBlockExecuted.push(c.name);
    if (c.realTimeMs !== 0 || c.cpuTimeMs !== 0) this.allZero = false;
    const t = this.byName.get(c.name);
    if (t) {
      t.realTimeSumMs += c.realTimeMs;
      t.cpuTimeSumMs += c.cpuTimeMs;
      t.count += 1;
      if (c.status === 'EXECUTED') t.status = 'EXECUTED';
    } else {
      this.byName.set(c.name, { name: c.name, status: c.status, layerType: c.layerType, execType: c.execType, realTimeSumMs: c.realTimeMs, cpuTimeSumMs: c.cpuTimeMs, count: 1 });
    }
  }

  /** Closes the open block; an empty one counts only where the format closes it explicitly. */
  end(countEmpty: boolean): void {
    const open = this.open;
    this.open = null;
    if (!open || (open.size === 0 && !countEmpty)) return;
    if (this.blocks === 0) this.firstRequest = open.request;
    this.blocks += 1;
  }

  get hasOpenBlock(): boolean {
    return this.open !== null;
  }

  /** The ParsedCounters fields these totals give; every layer in the order it first appeared. */
  result(): Pick<ParsedCounters, 'layers' | 'blockCount' | 'firstRequest' | 'firstBlockExecuted' | 'allZero'> {
    return { layers: [...this.byName.values()], blockCount: this.blocks, firstRequest: this.firstRequest, firstBlockExecuted: [...this.firstBlockExecuted], allZero: this.allZero };
  }
}
