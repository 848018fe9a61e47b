import type { TradeoffFamily, TradeoffFormat, TradeoffView } from '../api/tradeoff.js';
import { renderChartSvg } from '../charts/render-svg.js';
import { tradeoffChartSpec } from '../present/charts/tradeoff-chart.js';
import { STATED_BY_USER } from '../present/brief-sections.js';
import { tradeoffSections } from '../present/tradeoff-sections.js';
import { visibleText } from '../present/visible-text.js';
import { escapeMarkdownText, escapeXml } from './escape.js';
import { REPORT_STYLE } from './html-style.js';
import { htmlSection, markdownSection } from './section-markup.js';

export interface TradeoffReportContext {
  generatedAt: Date;
  edgelabVersion?: string;
}

const TITLE = 'edgelab tradeoff: accuracy, speed and hardware cost per model family';

/** The tradeoff report in one of its formats; the sections come from core/present, as the app's Tradeoff screen draws them. */
export async function renderTradeoffReport(view: TradeoffView, format: TradeoffFormat, ctx: TradeoffReportContext): Promise<string> {
  const generated = `Generated ${ctx.generatedAt.toISOString()} by edgelab${ctx.edgelabVersion ? ` ${ctx.edgelabVersion}` : ''}; evidence ledger head ${view.ledgerHead ?? '(empty)'} (pin it; check with edgelab runs verify --head HASH)`;
  switch (format) {
    case 'json':
      return `${JSON.stringify({ generatedAt: ctx.generatedAt.toISOString(), ...view }, null, 2)}\n`;
    case 'csv':
      return tradeoffCsv(view);
    case 'md':
      return [`# ${escapeMarkdownText(TITLE)}`, `_${escapeMarkdownText(generated)}_`, ...tradeoffSections(view).flatMap((s) => markdownSection(s, 2))].join('\n\n') + '\n';
    case 'html': {
      const sections = tradeoffSections(view);
      const body: string[] = [];
      for (const [i, section] of sections.entries()) {
        body.push(htmlSection(section, 2));
        const family = view.families[i];
        if (family && section.key === 'tradeoff-family') body.push(await familyChart(family));
      }
      return [
        '<!DOCTYPE html>',
        '<html lang="en">',
        '<head>',
        '<meta charset="utf-8">',
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        `<title>${escapeXml(TITLE)}</title>`,
        `<style>\n${REPORT_STYLE}body { max-width: none; }\n</style>`,
        '</head>',
        '<body>',
        `<header>\n<h1>${escapeXml(TITLE)}</h1>\n<p class="meta">${escapeXml(generated)}</p>\n</header>`,
        ...body,
        '</body>',
        '</html>',
        '',
      ].join('\n');
    }
  }
}

async function familyChart(family: TradeoffFamily): Promise<string> {
  const spec = tradeoffChartSpec(family);
  if (!spec) return '';
  return `<figure>\n${await renderChartSvg(spec)}\n<figcaption>${escapeXml(`${family.name}: accuracy against p99 latency; green points and the dashed line are the Pareto front; labels give the cost (${STATED_BY_USER}).`)}</figcaption>\n</figure>`;
}

const CSV_COLUMNS = [
  'family', 'grouped_by', 'variant', 'model_file', 'model_sha256', 'engine', 'execution_provider', 'precision', 'hardware_kind', 'accuracy_metric', 'accuracy',
  'drop', 'drop_low', 'drop_high', 'drop_confidence', 'drop_resamples', 'reference_run', 'p50_ms', 'p99_ms', 'throughput_per_s', 'joules_per_inference',
  'price', 'currency', 'price_source', 'price_attestation', 'stream_fps', 'streams', 'cost_per_stream', 'pareto', 'dominated_by', 'not_ranked', 'pass_run', 'timed_run', 'ledger_head',
] as const;

/** One row per variant, figures at full precision; an empty field is a figure the runs do not have (a price: not stated). */
export function tradeoffCsv(view: TradeoffView): string {
  const n = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));
  const lines = [CSV_COLUMNS.join(',')];
  for (const f of view.families) {
    for (const v of f.variants) {
      const d = v.drop;
      lines.push([
        f.name, f.groupedBy, v.name, v.modelFile, v.modelSha256, v.engine, v.executionProvider, v.precision, v.hardwareKind ?? '', v.accuracy.metric, n(v.accuracy.value),
        n(d?.difference), n(d?.low), n(d?.high), n(d?.confidence), n(d?.resamples), d?.referenceRun ?? '', n(v.p50Ms), n(v.p99Ms), n(v.throughputPerS), n(v.joulesPerInference),
        n(v.price?.amount), v.price?.currency ?? '', v.price ? v.price.source : 'not stated', v.price?.attestationId ?? '', n(v.streamFps), n(v.streams), n(v.costPerStream),
        v.unranked ? '' : String(v.pareto), v.dominatedBy.join('; '), v.unranked ?? '', v.passRunId, v.timedRunId ?? '', view.ledgerHead ?? '',
      ].map(csvField).join(','));
    }
  }
  return lines.join('\n') + '\n';
}

function csvField(raw: string): string {
  const text = visibleText(raw);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
