import { formatMs } from '../format.js';

const WIDTH = 560;
const HEIGHT = 160;
/** More points than pixels only costs time on every batch; older points are thinned, not dropped. */
const MAX_POINTS = WIDTH;

/**
 * Latency per iteration as the samples arrive. Plain SVG, redrawn per batch: a Vega view rebuilt
 * several times a second would compete with the run for the CPU it is measuring.
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
  const last = Math.max(1, samplesMs.length - 1);
  const path = points.map(([i, ms]) => `${((i / last) * WIDTH).toFixed(1)},${(HEIGHT - (ms / maxMs) * (HEIGHT - 4)).toFixed(1)}`).join(' ');
  return (
    <figure className="live-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={`Latency of ${samplesMs.length} iterations so far, ${formatMs(minMs)} to ${formatMs(maxMs)} ms`}>
        <line x1="0" y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} className="axis" />
        <polyline points={path} className="series" fill="none" />
      </svg>
      <figcaption>
        {samplesMs.length} iterations · max {formatMs(maxMs)} ms · min {formatMs(minMs)} ms{step > 1 ? ` · worst of every ${step} shown` : ''}
      </figcaption>
    </figure>
  );
}
