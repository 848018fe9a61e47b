import { z } from 'zod';
import { countOf, formatDecimal } from '../format-values.js';
import { tableBlock, textBlock, type ReportSection, type SectionBlock } from './report-section.js';
import { column } from '../table.js';

/**
 * `extras.telemetry` as core/telemetry's TelemetrySummary writes it: each source is a reading that
 * holds either a value or why it is missing, and the report says which, never a zero. The
 * downsampled series stays in the JSON for charts.
 */
const reading = <T extends z.ZodType>(value: T) =>
  z.union([z.object({ available: z.literal(true), value }), z.object({ available: z.literal(false), reason: z.string() })]);
const nullable = z.number().nullable();

const GpuClockView = z.object({
  index: z.number(), name: z.string().nullable(), smClockMHz: nullable, memoryClockMHz: nullable,
  persistenceMode: z.string().nullable(), activeReasons: z.array(z.string()),
});
type GpuClock = z.infer<typeof GpuClockView>;
const clockText = (c: GpuClock | undefined) => (c ? `SM ${c.smClockMHz ?? '?'} MHz, memory ${c.memoryClockMHz ?? '?'} MHz${c.activeReasons.length ? ` (${c.activeReasons.join(', ')})` : ''}` : 'not read');

const TelemetryView = z.object({
  intervalMs: z.number(),
  sampleCount: z.number(),
  cpuLoadPercent: reading(z.object({ mean: z.number(), max: z.number() })),
  cpuClockMHz: reading(z.object({ mean: z.number(), min: z.number(), max: z.number(), source: z.string() })),
  temperatureC: reading(z.object({ mean: z.number(), max: z.number(), first: z.number(), last: z.number(), source: z.string() })),
  energy: reading(z.object({ source: z.string(), energyJ: z.number(), averagePowerW: z.number(), joulesPerInference: z.number() })),
  gpu: reading(z.object({ gpus: z.number(), meanUtilizationPercent: nullable, maxTemperatureC: nullable, meanPowerW: nullable })),
  throttling: z.object({ throttled: z.boolean(), finding: z.string() }),
  // Added later: absent in older records.
  gpuEnergy: reading(z.object({ sensor: z.string(), energyJ: z.number(), averagePowerW: z.number(), joulesPerInference: z.number(), joulesPerSample: nullable })).optional(),
  gpuClocks: reading(z.object({ start: z.array(GpuClockView), end: z.array(GpuClockView) })).optional(),
  importedLog: z.string().optional(),
});

type ReadingOf<T> = { available: true; value: T } | { available: false; reason: string };

export function telemetrySection(value: unknown): ReportSection | null {
  const parsed = TelemetryView.safeParse(value);
  if (!parsed.success) return null;
  const t = parsed.data;
  const row = <T>(name: string, r: ReadingOf<T>, show: (v: T) => [string, string]): string[] =>
    r.available ? [name, ...show(r.value)] : [name, 'not measured', r.reason];
  const gpuFigures = (g: { gpus: number; meanUtilizationPercent: number | null; maxTemperatureC: number | null; meanPowerW: number | null }) =>
    [
      g.meanUtilizationPercent !== null ? `utilisation ${g.meanUtilizationPercent.toFixed(0)} % mean` : '',
      g.maxTemperatureC !== null ? `${g.maxTemperatureC.toFixed(0)} °C max` : '',
      g.meanPowerW !== null ? `${formatDecimal(g.meanPowerW)} W mean` : '',
    ].filter(Boolean).join(', ') || 'no figures';
  const rows = [
    row('CPU load', t.cpuLoadPercent, (l) => [`${l.mean.toFixed(0)} % mean, ${l.max.toFixed(0)} % max`, 'all cores']),
    row('CPU clock', t.cpuClockMHz, (c) => [`${c.mean.toFixed(0)} MHz mean (${c.min.toFixed(0)}–${c.max.toFixed(0)})`, c.source]),
    row('Temperature', t.temperatureC, (c) => [`${c.first.toFixed(0)} → ${c.last.toFixed(0)} °C, ${c.max.toFixed(0)} °C max`, c.source]),
    row('Energy', t.energy, (e) => [`${formatDecimal(e.energyJ)} J, ${formatDecimal(e.averagePowerW)} W mean, ${formatDecimal(e.joulesPerInference)} J per inference`, e.source]),
    row('GPU', t.gpu, (g) => [gpuFigures(g), `${g.gpus} GPU${g.gpus === 1 ? '' : 's'}`]),
  ];
  if (t.gpuEnergy) {
    rows.push(row('GPU energy', t.gpuEnergy, (e) => [
      `${formatDecimal(e.energyJ)} J, ${formatDecimal(e.averagePowerW)} W mean, ${formatDecimal(e.joulesPerInference)} J per inference${e.joulesPerSample === null ? '' : `, ${formatDecimal(e.joulesPerSample)} J per sample`}`,
      e.sensor,
    ]));
  }
  if (t.gpuClocks) {
    const clocks = t.gpuClocks;
    if (clocks.available) {
      for (const start of clocks.value.start) {
        const end = clocks.value.end.find((e) => e.index === start.index);
        rows.push([`GPU ${start.index} clocks`, `${clockText(start)} → ${clockText(end)}`, `nvidia-smi before and after the run; persistence mode ${start.persistenceMode ?? 'n/a'}`]);
      }
    } else {
      rows.push(['GPU clocks', 'not measured', clocks.reason]);
    }
  }
  const blocks: SectionBlock[] = [
    textBlock(`${t.throttling.throttled ? 'Throttled: ' : ''}${t.throttling.finding}`),
    tableBlock(
      { columns: [column('Source'), column('During the timed run'), column('From / why not')], rows },
      undefined,
      t.importedLog !== undefined
        ? `${countOf(t.sampleCount, 'sample')} every ${t.intervalMs} ms, as the imported ${t.importedLog} recorded them.`
        : `${countOf(t.sampleCount, 'sample')} every ${t.intervalMs} ms, read between inferences, never inside the timed region.`,
    ),
  ];
  return { key: 'telemetry', title: 'Telemetry', blocks };
}
