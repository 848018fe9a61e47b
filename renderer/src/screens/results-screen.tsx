import { useCallback, useEffect, useMemo } from 'react';
import type { RunRecord } from '../../../core/api/run-record.js';
import { ErrorNotice } from '../components/error-notice.js';
import { StatusMark } from '../components/status-mark.js';
import { ExportPanel } from '../components/export-panel.js';
import { useLab } from '../lab-context.js';
import { routeHref } from '../routes.js';
import { useCall } from '../use-call.js';
import { CompletedResults } from '../results/completed-results.js';
import { RunHeadlineView } from '../results/run-headline-view.js';
import { FailedResults, ObservedResults, SummaryOnlyResults } from '../results/stopped-results.js';
import { RunConfigurationView } from '../results/run-configuration-view.js';
import { inputTensorsText } from '../../../core/present/run-configuration.js';
import { formatLocalTime } from '../../../core/present/format-values.js';
import { recordMeasuredOn } from '../../../core/present/run-labels.js';

/** The GPU a run used, as the record states it (`extras.accelerator.label`); null for CPU runs and older records. */
function acceleratorOf(record: RunRecord): string | null {
  const a = record.extras['accelerator'] as { label?: unknown } | undefined;
  return typeof a?.label === 'string' ? a.label : null;
}

interface Props {
  /** The run in the URL; null when none is chosen yet. */
  runId: string | null;
  /** The record last shown or just measured, so a finished run needs no second read. */
  cached: RunRecord | null;
  onRecord: (record: RunRecord) => void;
  onPickRun: () => void;
}

export function ResultsScreen({ runId, cached, onRecord, onPickRun }: Props) {
  const lab = useLab();
  const load = useCall(useCallback((id: string) => lab.run(id), [lab]));
  const { run: loadRun } = load;
  const record = cached && cached.id === runId ? cached : null;
  useEffect(() => {
    if (runId !== null && record === null) void loadRun(runId).then((r) => r && onRecord(r));
  }, [runId, record, loadRun, onRecord]);
  const runIds = useMemo(() => (record ? [record.id] : []), [record]);
  // Whether the run came in a bundle is the listing's to say (the record does not know it travelled).
  const listing = useCall(useCallback(() => lab.runs({}), [lab]));
  const { run: loadListing } = listing;
  const shownId = record?.id ?? null;
  useEffect(() => {
    if (shownId !== null) void loadListing();
  }, [shownId, loadListing]);
  const provenance = listing.result?.find((r) => r.id === shownId)?.provenance;
  if (!record) {
    return (
      <section aria-labelledby="results-heading">
        <h1 id="results-heading">Results</h1>
        {runId === null ? <p>No run selected. Start one on the Run screen or open one from History.</p> : load.busy ? <p>Reading run {runId}…</p> : null}
        <ErrorNotice error={load.error} />
        <button type="button" onClick={onPickRun}>Go to History</button>
      </section>
    );
  }
  return (
    <section aria-labelledby="results-heading">
      <h1 id="results-heading">
        Results <span className="muted">{record.spec.label ?? record.model?.fileName ?? record.spec.model}</span>
      </h1>
      <RunHeadlineView record={record} />
      {record.state === 'completed' && record.origin?.kind === 'imported' ? (
        <p className="evidence-imported-note" role="note">
          <span className="evidence-imported">imported</span> Read from {record.origin.tool}'s files{record.origin.statedHardware ? ` made on ${record.origin.statedHardware}` : ''}: edgelab did not measure this run, and it never checks a measured ladder item.
        </p>
      ) : null}
      <dl className="facts run-facts">
        <div className="fact"><dt>Run</dt><dd className="mono">{record.id}</dd></div>
        <div className="fact"><dt>State</dt><dd><StatusMark status={record.state} /></dd></div>
        {outputCheckVerdict(record) ? <div className="fact"><dt>Output check</dt><dd><StatusMark status={outputCheckVerdict(record) as 'pass' | 'fail'} /></dd></div> : null}
        <div className="fact"><dt>Started</dt><dd>{formatLocalTime(record.startedAt)}</dd></div>
        <div className="fact wide"><dt>Model</dt><dd className="mono">{record.model?.path ?? record.spec.model}</dd></div>
        {record.state === 'completed' ? <div className="fact"><dt>Provider</dt><dd>{record.executionProvider}</dd></div> : null}
        <div className="fact wide measured-on"><dt>Measured on</dt><dd>{recordMeasuredOn(record, provenance)}{provenance?.bundle ? <span className="muted"> (bundle {provenance.bundle.name})</span> : null}</dd></div>
        {record.extras['accuracyPass'] !== undefined ? <div className="fact wide"><dt>Images</dt><dd><a href={routeHref({ screen: 'images', runId: record.id })}>Images with their predictions, worst first; per-class AP and PR curves</a></dd></div> : null}
        {acceleratorOf(record) ? <div className="fact"><dt>Device</dt><dd>{acceleratorOf(record)}</dd></div> : null}
        {record.state === 'completed' ? <div className="fact"><dt>Input shapes</dt><dd className="mono">{inputTensorsText(record)}</dd></div> : null}
        {record.extras['profile'] !== undefined ? <ProfileLinks record={record} /> : null}
        {sweepIdOf(record) !== null ? <div className="fact wide"><dt>Sweep</dt><dd><a href={routeHref({ screen: 'history', query: { q: `sweep:${sweepIdOf(record) ?? ''}`, sort: 'p50', dir: 'asc' } })}>Every point of sweep {sweepIdOf(record)}, in History</a></dd></div> : null}
        <div className="fact wide"><dt>Software</dt><dd>edgelab {record.software.edgelab}, ONNX Runtime {record.software.onnxruntime}, Node {record.software.node}, {record.software.platform}/{record.software.arch}</dd></div>
      </dl>
      {record.state === 'completed' ? <CompletedResults record={record} /> : record.state === 'summary-only' ? <SummaryOnlyResults record={record} /> : record.state === 'observed' ? <ObservedResults record={record} /> : <FailedResults record={record} />}
      <RunConfigurationView record={record} />
      <ExportPanel runIds={runIds} />
    </section>
  );
}

/**
 * Where a profile can be looked at: the graph needs the model file (an imported trtexec run names
 * none), and a TensorRT layer profile is drawn as the average inference, layer by layer.
 */
function ProfileLinks({ record }: { record: RunRecord }) {
  const engine = (record.extras['profile'] as { engine?: unknown } | undefined)?.engine;
  const trtexec = engine === 'trtexec';
  const graph = record.model ? <a href={routeHref({ screen: 'graph', runId: record.id })}>Where the time goes, on the model graph</a> : null;
  // OpenVINO's counters are time per layer per inference, not a timeline: no trace link.
  const timeline = engine === 'openvino' ? null : <a href={routeHref({ screen: 'trace', runId: record.id })}>{trtexec ? 'The layer profile as a timeline, and its file' : 'Timeline of one inference, and the trace file'}</a>;
  return (
    <div className="fact wide">
      <dt>Profile</dt>
      <dd>{graph}{graph && timeline ? ' · ' : null}{timeline}{graph ? null : <span className="muted"> (no graph: the imported files name no model)</span>}</dd>
    </div>
  );
}

/** The sweep a run is a point of (`extras.sweep.sweepId`), or null. */
function sweepIdOf(record: RunRecord): string | null {
  const sweep = record.extras['sweep'];
  const id = typeof sweep === 'object' && sweep !== null ? (sweep as { sweepId?: unknown }).sweepId : undefined;
  return typeof id === 'string' ? id : null;
}

/**
 * An eval or parity run completes (its inferences are measured) even when its outputs drift: the
 * check's own verdict sits beside the state, so a failing check reads as failed at the top.
 */
function outputCheckVerdict(record: RunRecord): 'pass' | 'fail' | null {
  for (const key of ['evaluation', 'parity'] as const) {
    const verdict = (record.extras[key] as { verdict?: unknown } | undefined)?.verdict;
    if (verdict === 'pass' || verdict === 'fail') return verdict;
  }
  return null;
}
