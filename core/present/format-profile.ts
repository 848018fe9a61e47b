import type { ProfileSummary } from '../profile/profile-summary.js';

const pct = (v: number | null): string => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null, digits = 1): string => (v === null ? '-' : v.toFixed(digits));
const ms = (v: number | null): string => (v === null ? '-' : v < 0.1 ? v.toFixed(4) : v.toFixed(3));
const shortProvider = (p: string): string => p.replace(/ExecutionProvider$/, '');

function table(header: string[], rows: string[][], rightAligned: ReadonlySet<number>): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The profile for a terminal: summary, findings with advice, then the op-type and node tables. */
export function formatProfile(s: ProfileSummary): string {
  const out: string[] = [];
  const time = s.timeLabel ?? 'kernel time';
  const coverage = s.kernelCoverage === null || s.device ? '' : `, ${pct(s.kernelCoverage)} of model_run in kernels`;
  out.push(`Profile: ${s.profiledRuns} run${s.profiledRuns === 1 ? '' : 's'} (${s.skippedRuns} skipped), ${time} ${ms(s.kernelMsPerRun)} ms per run${s.modelRunMeanMs === null ? '' : `, model_run ${ms(s.modelRunMeanMs)} ms`}${coverage}`);
  if (s.device) {
    const d = s.device;
    const source = d.source === 'webgpu-timestamps' ? 'WebGPU timestamps' : 'GPU kernel events';
    const timed = d.busyShareOfTimedP50 === null || d.timedP50Ms === null ? '' : `; ${pct(d.busyShareOfTimedP50)} of the timed p50 ${ms(d.timedP50Ms)} ms`;
    const share = d.busyShare === null
      ? (d.alignedWithRuns === false ? ' (the device clock does not line up with model_run: no per-inference share)' : '')
      : `, ${pct(d.busyShare)} of model_run (${pct(d.busyShareMin)}–${pct(d.busyShareMax)})`;
    out.push(`Device time (${source}, ${d.events} events): busy ${ms(d.busyMsPerRun)} ms per run${share}${timed}`);
    out.push(`Dispatch time (host-side: the CPU enqueueing device work): ${ms(d.dispatchMsPerRun)} ms per run`);
  } else if (time === 'host-side time') {
    out.push('Times are host-side (no device timestamps in this trace): dispatch time for device nodes, not kernel time.');
  }
  out.push(`Trace: ${s.traceFile} (opens in https://ui.perfetto.dev)`);
  if (s.peaks) {
    out.push(`Peaks (${shortProvider(s.peaks.provider)}, ${s.peaks.threads || 'default'} threads): ${num(s.peaks.computeGflopsPerS)} GFLOP/s, ${num(s.peaks.bandwidthGBPerS)} GB/s, ridge ${num(s.peaks.ridgeFlopsPerByte)} FLOP/byte`);
  }
  if (s.sessionPhases.length) out.push(`Session: ${s.sessionPhases.map((p) => `${p.name} ${ms(p.durationMs)} ms`).join(', ')}`);
  const mem = s.memory;
  const mib = (v: number | null) => (v === null ? null : `${(v / 2 ** 20).toFixed(1)} MiB`);
  const memory = [
    mib(mem.parameterBytes) && `weights read ${mib(mem.parameterBytes)}`,
    mib(mem.outputBytesPerRun) && `activations written ${mib(mem.outputBytesPerRun)}`,
    mib(mem.peakInUseBytes) && `arena peak in use ${mib(mem.peakInUseBytes)}`,
  ].filter(Boolean);
  if (memory.length) out.push(`Memory per inference: ${memory.join(', ')}`);
  out.push(`Placement: ${s.providers.map((p) => `${shortProvider(p.provider)} ${p.nodes} nodes ${pct(p.share)}`).join(', ')}`);
  out.push('', s.summary);
  if (s.findings.length) {
    out.push('', 'Findings:');
    for (const f of s.findings) out.push(`  [${f.code}] ${f.message}`, `    → ${f.advice}`);
  }
  out.push('', `By op type (share of ${time}):`);
  out.push(...table(
    ['op type', 'nodes', 'ms/run', 'share', 'GFLOP/s', 'FLOP/B', 'bound', 'of roof'],
    s.opTypes.map((o) => [o.opType, String(o.nodes), ms(o.msPerRun), pct(o.share), num(o.gflopsPerS), num(o.intensity), o.bound ?? '-', pct(o.roofFraction)]),
    new Set([1, 2, 3, 4, 5, 7]),
  ).map((l) => `  ${l}`));
  out.push('', `Top ${s.topNodes.length} nodes:`);
  // Dispatch ms only where the node times are the device's: elsewhere it would repeat mean ms.
  const dispatch = (cells: string[], value: string): string[] => (s.device ? [...cells.slice(0, 5), value, ...cells.slice(5)] : cells);
  out.push(...table(
    dispatch(['node', 'op', 'provider', 'mean ms', 'share', 'GFLOP/s', 'bound', 'of roof', 'output'], 'dispatch ms'),
    s.topNodes.map((n) => dispatch([n.name, n.kind, shortProvider(n.provider), ms(n.meanMs), pct(n.share), num(n.gflopsPerS), n.bound ?? '-', pct(n.roofFraction), n.outputs.join(' ')], ms(n.dispatchMs ?? null))),
    s.device ? new Set([3, 4, 5, 6, 8]) : new Set([3, 4, 5, 7]),
  ).map((l) => `  ${l}`));
  return out.join('\n');
}
