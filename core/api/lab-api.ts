/**
 * The LabApi contract: the one interface every face uses. The CLI calls the core directly; the
 * desktop app reaches it through the preload bridge (`window.lab`, IPC); a browser reaches it over
 * HTTP + server-sent events (`edgelab serve`). Requests are validated with the zod schemas of
 * lab-requests.ts on every transport. This file holds types only, so the renderer may import it.
 *
 * Errors: a refused or failed call rejects with a value whose `name` is 'LabError' and which carries
 * `kind`, `message` and `hint` (core/api/errors.ts) on every transport: an Error over HTTP, a plain
 * object through Electron's contextBridge (which drops an Error's own fields). Read those fields,
 * not `instanceof`.
 */
import type { FleetReportRequest, FleetReportResult } from './fleet-report.js';
import type { TradeoffRequest, TradeoffResult } from './tradeoff.js';
import type { OutputCheckRequest } from './output-check.js';
import type { RunEvent } from './events.js';
import type { AssessmentAnswer, LadderAnswer, LadderExportRequest, PracticeLabStatus } from './ladder.js';
import type { DecisionRecordItem, DecisionRecordRequest } from './decision-record.js';
import type { InferenceTrace } from './inference-trace.js';
import type { ModelGraph } from './model-graph.js';
import type { ModelInfo } from './model-info.js';
import type { SuiteEntryEvent, SuiteRunOptions, SuiteRunView } from './suite-run.js';
import type { SweepAxesRequest, SweepRunView } from './sweep-run.js';
import type { ReportSectionView } from './report-view.js';
import type { ProviderStatus } from './providers.js';
import type { PipelineOverheadView, RunSetComparison, TradeoffPoint } from './run-comparison.js';
import type { RunSummaryFilter, RunSummaryList, RunUnit } from './run-summary.js';
import type { RunRecord } from './run-record.js';
import type { RunSpecInput } from './run-spec.js';
import type { DvcExportRequest, DvcExportResult, MlflowExportedRun, MlflowExportRequest, MlflowExportResult } from './team-export.js';
import type { DeepstreamImportRequest, ImportResult, OrtProfileImportRequest, TegrastatsImportRequest, TrtexecImportRequest } from './imports.js';
import type { SignHeadAnswer, SignHeadRequest, VerifyAnswer, VerifyRequest } from './evidence-verify.js';
import type { OpenvinoImportRequest } from './openvino-import.js';
import type { CocoScoreAnswer, CocoScoreRequest } from './coco-score.js';
import type { AccuracyImageFile, AccuracyImageFileRequest, AccuracyImagesRequest, AccuracyImagesView } from './accuracy-images.js';
import type { CiWorkflowAnswer, CiWorkflowRequest } from './ci-workflow.js';
import type { ErrorField, LabErrorKind } from './errors.js';
import type { BriefItem, BriefRequest, BriefSignOff, BriefView, PriceList, PriceRequest, PriceStatement, SignOffAnswer, SignOffRequest, WriteBriefRequest, WrittenBrief } from './brief.js';
import type { RunProvenance } from './run-provenance.js';
import type { BundleRunsAnswer, BundleRunsRequest, MergeBundlesAnswer, MergeBundlesRequest } from './evidence-bundle.js';

/**
 * How a run is kept and when it measures. `save: false` (`bench --no-save`) measures without
 * recording; `wait: false` (`bench --no-wait`) measures at once when another edgelab process holds
 * the machine, and the record names the measurement it overlapped.
 */
export interface StartRunOptions {
  save?: boolean;
  wait?: boolean;
}

/** A run list row: the record without its samples. */
export interface RunListItem {
  id: string;
  state: RunRecord['state'];
  startedAt: string;
  finishedAt: string;
  label?: string;
  tags: string[];
  modelName: string;
  modelSha256: string | null;
  executionProvider: string | null;
  iterations: number;
  p50Ms: number | null;
  p99Ms: number | null;
  throughputPerS: number | null;
  verdict: 'pass' | 'fail' | 'inconclusive' | 'none';
  error?: string;
  hardwareLabel: string | null;
  /** Set when the record fails the evidence check: why. The list marks it "not verified". */
  notVerified?: string;
  /** Present for a run read from another tool's files: shown apart, never counted as measured. */
  evidence?: 'imported';
  /** The GPU or other accelerator of a run on a device provider, as one line; null for CPU runs. */
  accelerator?: string | null;
  /** bench scenario (single-stream, throughput, server), eval, parity, accuracy, pipeline or sweep. */
  runKind?: string;
  /** Where the run was measured: here, merged from a bundle (which one, signed by whom), or imported. */
  provenance?: RunProvenance;
  /** The unit that measured the run (board serial, hashed machine id or EDGELAB_UNIT_ID) and its label. */
  unit?: RunUnit;
}

export interface RunFilterRequest {
  model?: string;
  tag?: string;
  state?: RunRecord['state'];
  since?: string;
  limit?: number;
}

/**
 * What a queued run waits for: a run of this lab that is measuring, or another edgelab process
 * measuring on this machine (a CLI bench, another serve), as the machine's measure lock names it.
 */
export interface QueuedBehind {
  runId: string | null;
  /** `edgelab serve`, `edgelab bench` …; `this lab` for a run of the same lab. */
  command: string;
  pid: number | null;
  /** When the run ahead started measuring; null when it has not yet. */
  since: string | null;
}

/** Terminal events of a run, after the progress/samples events of core/api/events.ts. */
export type LabEvent =
  | RunEvent
  /**
   * The run waits for its turn: one measurement at a time per machine. `position` 1 is next; sent
   * again whenever the line moves. The run's own phase events follow once it starts.
   */
  | { type: 'queued'; runId: string; position: number; behind: QueuedBehind }
  /** A sweep's point is in line: which of how many, and its configuration (`batch=4 threads=2`). */
  | { type: 'sweep-point'; runId: string; sweepId: string; index: number; count: number; point: string }
  /**
   * The run completed and its record is saved (unless started with `save: false`). The files kept
   * beside it: the profiled pass's Chrome trace, an engine's logs and exports (in a temporary folder
   * when the record is not saved).
   */
  | { type: 'done'; runId: string; record: RunRecord; tracePath?: string; artifactPaths?: string[] }
  /**
   * The run failed or was cancelled; its record (state 'failed' or 'cancelled', with the samples
   * measured before it stopped) is saved too, also when the runner process crashed. `kind`:
   * what kind of refusal stopped it before anything was measured (a face maps it to its exit code).
   */
  | { type: 'failed'; runId: string; message: string; hint?: string; record?: RunRecord; kind?: LabErrorKind; field?: ErrorField }
  /** exportMlflow: one run is in the tracking server (sent now, or found there), before the call answers with them all. */
  | { type: 'exported'; runId: string; run: MlflowExportedRun }
  /** An entry of a suite ended (recorded, or refused before it ran); `runSuite` answers when the last has. */
  | SuiteEntryEvent
  /** An output check with `saveExpected` wrote these expected-output files; nothing was recorded. */
  | { type: 'expected-saved'; runId: string; files: string[] };

export interface ExportedReport {
  fileName: string;
  mediaType: string;
  content: string;
  /** Where `edgelab serve` serves this report (same origin, token required); absent in the app. */
  url?: string;
  /** The ledger head the report was made from (printed in it too), and the signed head if any: to pin. */
  ledgerHead?: string | null;
  signedHead?: { seq: number; entryHash: string; signatureSha256: string } | null;
}

/**
 * Two runs as `edgelab compare A B` sets them: B against A tested on their samples, or the figures
 * both state side by side (a summary-only or observed run), or a pipeline's overhead over its model
 * run alone (either order); and the tradeoff rows of the variants among them.
 */
export interface TwoRunComparison {
  /** The comparisons as `edgelab compare` prints them; empty when nothing applies. */
  text: string;
  /** The tested comparison, else the stated one; null when neither applies. */
  data: unknown;
  pipelineOverhead: PipelineOverheadView | null;
  tradeoff: TradeoffPoint[];
  /** Two accuracy passes on the same images: B's drop against A, by a paired bootstrap over images. */
  accuracyDrop?: AccuracyDropView;
}

export interface AccuracyDropView {
  metric: string;
  referenceRun: string;
  reference: number;
  variant: number;
  difference: number;
  low: number;
  high: number;
  confidence: number;
  resamples: number;
  undefinedResamples: number;
  seed: number;
  images: number;
  method: string;
}

export interface LabApi {
  inspectModel(path: string): Promise<ModelInfo>;
  providers(): Promise<ProviderStatus[]>;
  hardware(): Promise<Record<string, unknown>>;
  /** Starts a run in the runner process; events follow through `onEvent`. */
  startRun(spec: RunSpecInput, options?: StartRunOptions): Promise<{ runId: string }>;
  cancelRun(runId: string): Promise<void>;
  onEvent(listener: (event: LabEvent) => void): () => void;
  runs(filter?: RunFilterRequest): Promise<RunListItem[]>;
  /** `edgelab runs [--json]`: the workspace's own summaries of the runs a filter matches, and the records it could not read. */
  runSummaries(filter?: RunSummaryFilter): Promise<RunSummaryList>;
  run(id: string): Promise<RunRecord>;
  compare(a: string, b: string): Promise<TwoRunComparison>;
  exportReport(ids: string[], format: 'md' | 'html' | 'json' | 'csv' | 'junit', title?: string): Promise<ExportedReport>;
  /** `edgelab report --fleet`: units × model × engine/precision, the spread between sibling units, and the slower ones; drawn in `format` when one is asked. */
  fleetReport(request?: FleetReportRequest): Promise<FleetReportResult>;
  /** `edgelab report --tradeoff`: per model family, accuracy, speed and stated hardware cost with the Pareto front. */
  tradeoff(request?: TradeoffRequest): Promise<TradeoffResult>;
  /** `edgelab runs verify`: every record against the ledger, the ledger against the head this machine remembers, a pinned and a signed head. */
  verify(request?: VerifyRequest): Promise<VerifyAnswer>;
  /** `edgelab runs sign-head --key FILE`: vouch for the ledger's head with an SSH key (ssh-keygen -Y sign). */
  signHead(request: SignHeadRequest): Promise<SignHeadAnswer>;
  /** `edgelab runs bundle`: runs, their ledger lines and files as one archive, signed when a key is given. */
  bundleRuns(request: BundleRunsRequest): Promise<BundleRunsAnswer>;
  /** `edgelab runs merge`: checks each bundle and adds its runs, with one merge entry naming its head. */
  mergeBundles(request: MergeBundlesRequest): Promise<MergeBundlesAnswer>;
  ladder(): Promise<LadderAnswer>;
  /** `date`: when the work happened (YYYY-MM-DD); default today. */
  attest(itemId: string, note: string, link?: string, date?: string): Promise<unknown>;
  assess(answers: boolean[]): Promise<AssessmentAnswer>;
  labs(): Promise<PracticeLabStatus[]>;
  /** `edgelab ladder export`: the evidence record (gates, runs, notes, ledger status) as an HTML or Markdown document. */
  exportLadder(request: LadderExportRequest): Promise<ExportedReport>;
  /** Sends runs to an MLflow tracking server (credentials from the lab's environment); each run once per experiment. */
  exportMlflow(request: MlflowExportRequest): Promise<MlflowExportResult>;
  /** Writes DVC metrics, params and plots files of runs into a folder on the lab's machine. */
  exportDvc(request: DvcExportRequest): Promise<DvcExportResult>;
  /** The model graph for drawing; with a run id, that profiled run's time on each node. */
  modelGraph(request: ModelGraphRequest): Promise<ModelGraph>;
  /** Any number of runs against the first: pairwise tests, samples for the charts, tradeoffs. */
  compareRuns(ids: string[]): Promise<RunSetComparison>;
  /** One inference of a profiled run as a timeline, and its ONNX Runtime trace file to save. */
  inferenceTrace(runId: string, inference?: number): Promise<InferenceTrace>;
  /** The run's extras as the reports' sections (tables, findings, text), for views the app has no own design for. */
  runSections(id: string): Promise<ReportSectionView[]>;
  /** `edgelab ladder explain RUN --note`: your explanation of a profiled run's bottlenecks, kept as attested evidence. */
  explainProfile(runId: string, note: string, link?: string): Promise<unknown>;
  /** `edgelab adr list` and `edgelab adr new`: decision records in the workspace's adr/ folder. */
  decisionRecords(): Promise<DecisionRecordItem[]>;
  newDecisionRecord(request: DecisionRecordRequest): Promise<DecisionRecordItem & { path: string }>;
  /** `edgelab demo`'s run: the bundled MobileNet-style model (generated on first use) against realtime-30, to start as any run. */
  demoSpec(): Promise<RunSpecInput>;
  /** `edgelab run SUITE.yaml --junit`: every entry in the runner process, in order; events follow through `onEvent`. */
  runSuite(file: string, options?: SuiteRunOptions): Promise<SuiteRunView>;
  /** `edgelab sweep`: one recorded run per point of the axes' cross product, in the runner; events follow through `onEvent`. */
  runSweep(spec: RunSpecInput, axes: SweepAxesRequest, options?: StartRunOptions): Promise<SweepRunView>;
  /** `edgelab import trtexec`: a trtexec log and its exports, files on the lab's machine, recorded as an imported run. */
  importTrtexec(request: TrtexecImportRequest): Promise<ImportResult>;
  /** `edgelab import ort-profile`: an ONNX Runtime profile made elsewhere, recorded as an imported run. */
  importOrtProfile(request: OrtProfileImportRequest): Promise<ImportResult>;
  /** `edgelab import openvino`: benchmark_app's files, recorded as a summary-only imported run. */
  importOpenvino(request: OpenvinoImportRequest): Promise<ImportResult>;
  /** `edgelab import deepstream`: a DeepStream pipeline's log, recorded as an observed, imported run. */
  importDeepstream(request: DeepstreamImportRequest): Promise<ImportResult>;
  /** `edgelab import tegrastats`: a tegrastats log made during an imported run, recorded linked to it. */
  importTegrastats(request: TegrastatsImportRequest): Promise<ImportResult>;
  /** `edgelab eval --annotations GT --predictions RESULTS`: a COCO results file made elsewhere, scored and recorded as an imported accuracy run. */
  scoreCocoResults(request: CocoScoreRequest): Promise<CocoScoreAnswer>;
  /** `edgelab runs show RUN --worst N`, the app's Images view: an accuracy run's images with their marks, worst first, per-class AP and PR curves. */
  accuracyImages(request: AccuracyImagesRequest): Promise<AccuracyImagesView>;
  /** The bytes of one image the run's labelled set names (any other path is refused). */
  accuracyImage(request: AccuracyImageFileRequest): Promise<AccuracyImageFile>;
  /** `edgelab eval` (expected outputs, accuracy) or `edgelab parity`, in the runner; `done`/`failed` follow through `onEvent`. */
  startOutputCheck(request: OutputCheckRequest): Promise<{ runId: string }>;
  /** `edgelab price set`: the user's price for a hardware kind, kept as dated, ledgered evidence; the latest wins. */
  statePrice(request: PriceRequest): Promise<PriceStatement>;
  /** `edgelab price list`: the current price per hardware kind and every statement made. */
  prices(): Promise<PriceList>;
  /** The brief's content for these runs, recording nothing: the app's preview. */
  previewBrief(request: BriefRequest): Promise<BriefView>;
  /** `edgelab brief`: writes the one-page brief (HTML, Markdown or PDF) and records its SHA-256 and runs. */
  writeBrief(request: WriteBriefRequest): Promise<WrittenBrief>;
  /** `edgelab brief sign-off`: a decision on a brief file, bound to its SHA-256; refused when the file changed. */
  signOffBrief(request: SignOffRequest): Promise<SignOffAnswer>;
  /** `edgelab brief list`: the briefs written in the workspace with their sign-offs. */
  briefs(): Promise<BriefItem[]>;
  /** `edgelab ci init github|gitlab`: the workflow file's text for self-hosted runners on the devices; the caller writes it. */
  ciWorkflow(request: CiWorkflowRequest): Promise<CiWorkflowAnswer>;
}

/** A model path, a profiled run, or both (the run names its model when the path is left out). */
export interface ModelGraphRequest {
  path?: string;
  runId?: string;
}

/**
 * What the desktop app's preload adds to LabApi as `window.lab`. A browser has no such methods:
 * the renderer checks for them (`'openModelDialog' in lab`) and offers a path field instead.
 */
export interface DesktopLabApi extends LabApi {
  /** The native open dialog filtered to .onnx; null when the user cancels. */
  openModelDialog(): Promise<string | null>;
  /** The file system path of a file dropped on the window (Electron's webUtils.getPathForFile). */
  pathForFile(file: Blob & { readonly name: string }): string;
  /** Prints the HTML report of these runs to PDF and asks where to save it; the path, or null when cancelled. */
  exportPdf(ids: string[]): Promise<string | null>;
}
