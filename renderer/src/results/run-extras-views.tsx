import { formatMiB, formatMs, formatPercent } from '../format.js';
import type { MemoryExtras, PipelineExtras } from './extras-shapes.js';

/** Whole-process resident set size at the points the bench reads it, in MiB. */
export function MemoryView({ memory: m }: { memory: MemoryExtras }) {
  const rows: Array<[string, number]> = [];
  if (m.rssBeforeLoadBytes !== undefined) rows.push(['Before model load', m.rssBeforeLoadBytes]);
  if (m.rssAfterSessionBytes !== undefined) rows.push(['After session creation', m.rssAfterSessionBytes]);
  if (m.rssBeforeLoadBytes !== undefined && m.rssAfterSessionBytes !== undefined) rows.push(['Added by the session', m.rssAfterSessionBytes - m.rssBeforeLoadBytes]);
  if (m.peakRssBytes !== undefined) rows.push(['Peak during the run', m.peakRssBytes]);
  if (m.maxRssLifetimeBytes !== undefined) rows.push(['Process high-water mark', m.maxRssLifetimeBytes]);
  // Older records (and pipeline runs) took the peak from the OS's lifetime high-water mark.
  const peakNote = m.peakRssMethod
    ? `Peak ${m.peakRssMethod}. The high-water mark covers the process's whole life, including Node itself and any earlier work in it.`
    : 'The peak is the process\'s high-water mark since it started, including Node itself and any earlier work in the same process.';
  return (
    <div className="extras">
      <table className="stats">
        <caption>Resident set size</caption>
        <tbody>
          {rows.map(([name, bytes]) => <tr key={name}><th scope="row">{name}</th><td className="num">{formatMiB(bytes)}</td></tr>)}
        </tbody>
      </table>
      <p className="muted">Whole-process resident set size. {peakNote}</p>
    </div>
  );
}

/** Each stage of an end-to-end image run timed alone, beside their per-frame total. */
export function PipelineView({ pipeline: p }: { pipeline: PipelineExtras }) {
  const stages = [
    ['Preprocess (decode, resize, normalise)', p.preprocessMs],
    ['Inference (session.run)', p.inferenceMs],
    [`Postprocess (${p.postprocess})`, p.postprocessMs],
    ['Total per frame', p.totalMs],
  ] as const;
  const share = (mean: number) => (p.totalMs.mean > 0 ? formatPercent(mean / p.totalMs.mean) : '–');
  return (
    <div className="extras">
      <p>
        {p.frames} frames of {p.imagesPerFrame} image{p.imagesPerFrame === 1 ? '' : 's'}, rotating over {p.imageCount} images read into memory beforehand (disk reads are not timed).
      </p>
      <table className="pipeline">
        <caption>Per stage (ms)</caption>
        <thead>
          <tr>{['Stage', 'mean', 'p50', 'p90', 'p99', 'max', 'Share of mean'].map((c, i) => <th key={c} scope="col" className={i > 0 ? 'num' : undefined}>{c}</th>)}</tr>
        </thead>
        <tbody>
          {stages.map(([name, s]) => (
            <tr key={name} className={s === p.totalMs ? 'total' : undefined}>
              <th scope="row">{name}</th>
              {[s.mean, s.p50, s.p90, s.p99, s.max].map((v, i) => <td key={i} className="num">{formatMs(v)}</td>)}
              <td className="num">{share(s.mean)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Each stage sits alone between its own clock reads. Percentiles do not add up across stages; the total row is the percentile of the per-frame sums, which is what the run's latency and targets use.</p>
    </div>
  );
}
