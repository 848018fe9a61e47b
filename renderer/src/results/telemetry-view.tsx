import { useMemo } from 'react';
import { VegaChart } from '../charts/vega-chart.js';
import { formatDecimal } from '../format.js';
import type { Reading, TelemetryExtras } from './extras-shapes.js';
import { hasTelemetryChart, telemetrySeriesSpec } from './telemetry-series-spec.js';

type Row = { source: string; figure: string; from: string; measured: boolean };

function readingRow<T>(source: string, r: Reading<T>, show: (v: T) => [string, string]): Row {
  if (!r.available) return { source, figure: 'not measured', from: r.reason, measured: false };
  const [figure, from] = show(r.value);
  return { source, figure, from, measured: true };
}

function gpuFigures(g: { meanUtilizationPercent: number | null; maxTemperatureC: number | null; meanPowerW: number | null }): string {
  return [
    g.meanUtilizationPercent !== null ? `utilisation ${g.meanUtilizationPercent.toFixed(0)} % mean` : '',
    g.maxTemperatureC !== null ? `${g.maxTemperatureC.toFixed(0)} °C max` : '',
    g.meanPowerW !== null ? `${formatDecimal(g.meanPowerW)} W mean` : '',
  ].filter(Boolean).join(', ') || 'no figures';
}

/**
 * Each telemetry source with its figure, or "not measured" and why (a missing sensor is never shown
 * as zero), the throttling finding, and the sampled series over time.
 */
export function TelemetryView({ telemetry: t }: { telemetry: TelemetryExtras }) {
  const chart = useMemo(() => (hasTelemetryChart(t.series) ? telemetrySeriesSpec(t.series) : null), [t.series]);
  const rows: Row[] = [
    readingRow('CPU load', t.cpuLoadPercent, (l) => [`${l.mean.toFixed(0)} % mean, ${l.max.toFixed(0)} % max`, 'all cores']),
    readingRow('CPU clock', t.cpuClockMHz, (c) => [`${c.mean.toFixed(0)} MHz mean (${c.min.toFixed(0)}–${c.max.toFixed(0)})`, c.source]),
    readingRow('Temperature', t.temperatureC, (c) => [`${c.first.toFixed(0)} → ${c.last.toFixed(0)} °C, ${c.max.toFixed(0)} °C max`, c.source]),
    readingRow('Energy', t.energy, (e) => [`${formatDecimal(e.energyJ)} J, ${formatDecimal(e.averagePowerW)} W mean, ${formatDecimal(e.joulesPerInference)} J per inference`, e.source]),
    readingRow('GPU', t.gpu, (g) => [gpuFigures(g), `${g.gpus} GPU${g.gpus === 1 ? '' : 's'}`]),
  ];
  return (
    <div className="extras">
      <p className={t.throttling.throttled ? 'finding finding-warn' : 'finding'}>
        {t.throttling.throttled ? <strong>Throttled: </strong> : null}{t.throttling.finding}
      </p>
      <table className="telemetry">
        <caption>Sources during the timed run</caption>
        <thead><tr><th scope="col">Source</th><th scope="col">During the timed run</th><th scope="col">From / why not</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.source} className={r.measured ? undefined : 'not-measured'}>
              <th scope="row">{r.source}</th>
              <td>{r.figure}</td>
              <td className={r.measured ? undefined : 'reason'}>{r.from}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t.sampleCount} sample{t.sampleCount === 1 ? '' : 's'} every {t.intervalMs} ms, {t.importedLog !== undefined ? `as the imported ${t.importedLog} recorded them.` : 'read between inferences, never inside the timed region.'}</p>
      {chart ? <VegaChart spec={chart} label={`Telemetry over the run: ${chart.description ?? ''}`} /> : null}
    </div>
  );
}
