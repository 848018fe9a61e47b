import { stringify } from 'yaml';
import type { TradeoffView } from '../../api/tradeoff.js';
import type { ExportedRecord } from '../export-selection.js';
import { nestDotted } from '../nest-dotted.js';
import { runIdentity, runMetrics, runParams } from '../run-fields.js';
import { latencyCdfTsv, latencyPerIterationTsv } from './latency-plots.js';
import { TRADEOFF_METRICS, TRADEOFF_PARAMS, tradeoffDvcFiles } from './tradeoff-files.js';
import { CDF_TEMPLATE_NAME, latencyCdfTemplateText } from './vega-template.js';

/** First line of every dvc.yaml edgelab writes: how a re-export knows the folder is its own. */
export const DVC_YAML_HEADER = '# Written by `edgelab export dvc`. Export again to update; edits here are overwritten.';

export interface DvcFileSet {
  /** Relative path ("/"-separated) → content. */
  files: Map<string, string>;
  runs: Array<{ runId: string; key: string }>;
}

/**
 * The files of a DVC export, as DVC documents them: a `dvc.yaml` whose top-level `metrics`,
 * `params` and `plots` name the files; one metrics JSON per run; `params.yaml` with each run's
 * RunSpec; TSV plot data (latency per iteration, its CDF); and the CDF's Vega-Lite template. Pure
 * and free of clocks: the same runs give the same bytes, so a re-export leaves git clean.
 */
export function dvcFiles(keyed: ReadonlyArray<{ key: string; exported: ExportedRecord }>, tradeoff?: TradeoffView): DvcFileSet {
  const files = new Map<string, string>();
  const params: Record<string, unknown> = {};
  const metricsPaths: string[] = [];
  const perIteration: Record<string, string> = {};
  const cdf: Record<string, string> = {};
  for (const { key, exported } of keyed) {
    const { record } = exported;
    const identity = runIdentity(record);
    const metricsPath = `metrics/${key}.json`;
    files.set(metricsPath, `${JSON.stringify(nestDotted(runMetrics(record)), null, 2)}\n`);
    metricsPaths.push(metricsPath);
    params[key] = {
      run_id: record.id,
      recorded_at: record.startedAt,
      state: record.state,
      evidence: identity.evidence,
      verdict: identity.verdict,
      model_sha256: identity.modelSha256,
      hardware: identity.hardwareLabel,
      hardware_fingerprint: identity.hardwareFingerprint,
      record_sha256: exported.sha256,
      ...nestDotted(runParams(record)),
    };
    if (record.samplesMs.length > 0) {
      files.set(`plots/${key}/latency.tsv`, latencyPerIterationTsv(record.samplesMs));
      files.set(`plots/${key}/latency-cdf.tsv`, latencyCdfTsv(record.samplesMs));
      perIteration[`plots/${key}/latency.tsv`] = 'latency_ms';
      cdf[`plots/${key}/latency-cdf.tsv`] = 'fraction';
    }
  }
  const rows = tradeoffDvcFiles(tradeoff);
  if (rows) {
    for (const [file, text] of rows.files) files.set(file, text);
    metricsPaths.push(TRADEOFF_METRICS);
  }
  files.set('params.yaml', `# Written by \`edgelab export dvc\`: what each exported run ran, from its RunSpec.\n${stringify(params, { lineWidth: 0 })}`);
  files.set(`plots/templates/${CDF_TEMPLATE_NAME}.json`, latencyCdfTemplateText());

  const dvcYaml: Record<string, unknown> = { metrics: metricsPaths, params: ['params.yaml', ...(rows ? [TRADEOFF_PARAMS] : [])] };
  const plots: unknown[] = [];
  // A plot whose id is not a path takes a dict of files in `y`: every run overlays in one chart.
  if (Object.keys(perIteration).length > 0) {
    plots.push({ 'latency per iteration': { template: 'linear', x: 'iteration', y: perIteration, title: 'Latency per timed iteration', x_label: 'iteration', y_label: 'latency (ms)' } });
    plots.push({ 'latency CDF': { template: CDF_TEMPLATE_NAME, x: 'latency_ms', y: cdf, title: 'Latency CDF: share of iterations at or below', x_label: 'latency (ms)', y_label: 'iterations at or below' } });
  }
  if (rows && Object.keys(rows.plot).length > 0) plots.push(rows.plot);
  if (plots.length > 0) dvcYaml['plots'] = plots;
  files.set('dvc.yaml', `${DVC_YAML_HEADER}\n${stringify(dvcYaml, { lineWidth: 0 })}`);
  return { files, runs: keyed.map(({ key, exported }) => ({ runId: exported.record.id, key })) };
}
