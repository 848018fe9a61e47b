import { formatMs } from '../../../core/present/format-values.js';

const WIDTH = 560;
const HEIGHT = 160;
const LEFT = 52;
const BOTTOM = 28;
const PLOT_W = WIDTH - LEFT - 8;
const PLOT_H = HEIGHT - BOTTOM - 8;
/** More points than pixels only costs time on every batch; older points are thinned, not dropped. */
const MAX_POINTS = PLOT_W;

/** About four round ticks (1, 2 or 5 × 10ⁿ) from 0 to max. */
function ticks(max: number): number[] {
  const raw = max / 4;
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-6)));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  return Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
}

/**
 * Latency per iteration as the samples arrive, on axes with units (ms up, iteration along). Plain
 * SVG, redrawn per batch: a Vega view rebuilt several times a second would compete with the run
 * for the CPU it is measuring.
 */
export function LiveLatencyChart({ samplesMs }: { samplesMs: readonly number[] }) {
  if (samplesMs.length === 0) return <p className="muted">The latency chart starts with the first timed iterations.</p>;
  const step = Math.max(1, Math.ceil(samplesMs.length / MAX_POINTS));
  const points: Array<[number, number]> = [];
  for (let i = 0; i < samplesMs.length; i += step) {
    let worst = 0;
    for (let j = i; j < Math.min(i + step, samplesMs.length); j += 1) worst = Math.max(worst, samplesMs[j] ?? 0);
    points.push([i, worst]);
  }
  const maxMs = Math.max(...points.map(([, ms]) => ms)) || 1;
  const minMs = Math.min(...points.map(([, ms]) => ms));
  const yTicks = ticks(maxMs);
  const top = Math.max(maxMs, yTicks.at(-1) ?? maxMs);
  const last = Math.max(1, samplesMs.length - 1);
  const xTicks = ticks(last).filter((t) => t <= last);
  const x = (i: number) => LEFT + (i / last) * PLOT_W;
  const y = (ms: number) => 8 + PLOT_H - (ms / top) * PLOT_H;
  const path = points.map(([i, ms]) => `${x(i).toFixed(1)},${y(ms).toFixed(1)}`).join(' ');
  return (
    <figure className="live-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={`Latency of ${samplesMs.length} iterations so far, ${formatMs(minMs)} to ${formatMs(maxMs)} ms`}>
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line x1={LEFT} x2={LEFT + PLOT_W} y1={y(t)} y2={y(t)} className="grid" />
            <text x={LEFT - 4} y={y(t) + 3} textAnchor="end" className="tick-label">{formatMs(t)}</text>
          </g>
        ))}
        {xTicks.map((t) => <text key={`x${t}`} x={x(t)} y={HEIGHT - BOTTOM + 14} textAnchor="middle" className="tick-label">{t}</text>)}
        <line x1={LEFT} y1={8 + PLOT_H} x2={LEFT + PLOT_W} y2={8 + PLOT_H} className="axis" />
        <line x1={LEFT} y1={8} x2={LEFT} y2={8 + PLOT_H} className="axis" />
        <text x={12} y={8 + PLOT_H / 2} transform={`rotate(-90 12 ${8 + PLOT_H / 2})`} textAnchor="middle" className="axis-title">latency (ms)</text>
        <text x={LEFT + PLOT_W / 2} y={HEIGHT - 2} textAnchor="middle" className="axis-title">timed iteration</text>
        <polyline points={path} className="series" fill="none" />
      </svg>
      <figcaption>
        {samplesMs.length} iterations · max {formatMs(maxMs)} ms · min {formatMs(minMs)} ms{step > 1 ? ` · worst of every ${step} shown` : ''}
      </figcaption>
    </figure>
  );
}
