import { LabError } from '../api/errors.js';
import type { FleetReportRequest, FleetReportResult } from '../api/fleet-report.js';
import type { TradeoffRequest, TradeoffResult } from '../api/tradeoff.js';
import type { LabApi, LabEvent, StartRunOptions } from '../api/lab-api.js';
import { LabRequestSchemas } from '../api/lab-requests.js';
import type { ModelInfo } from '../api/model-info.js';
import type { OutputCheckRequest } from '../api/output-check.js';
import type { ProviderStatus } from '../api/providers.js';
import { RunSpecSchema, type RunSpec, type RunSpecInput } from '../api/run-spec.js';
import type { SuiteRunOptions, SuiteRunView } from '../api/suite-run.js';
import type { CiWorkflowAnswer, CiWorkflowRequest } from '../api/ci-workflow.js';
import type { AccuracyImageFile, AccuracyImageFileRequest, AccuracyImagesRequest, AccuracyImagesView } from '../api/accuracy-images.js';
import type { SweepAxesRequest, SweepRunView } from '../api/sweep-run.js';
import type { Workspace } from '../evidence/index.js';
import { hardwareRows } from '../present/format-hardware.js';
import { resolveInputShapes } from '../inputs/shapes.js';
import type { RunnerLauncher } from '../runner/runner-process.js';
import { parseTargets } from '../targets/index.js';
import { parseLatencyBound } from '../bench/scenarios/latency-bound.js';
import type { BatchLab } from './lab-batch-runs.js';
import { endedRecord } from './ended-record.js';
import { importCalls, type ImportCalls } from './lab-imports.js';
import { ladderCalls, type LadderCalls } from './lab-ladder.js';
import { briefCalls, type BriefCalls } from './lab-briefs.js';
import type { HtmlToPdf } from '../brief/chromium-pdf.js';
import { ciWorkflowText } from './lab-ci.js';
import { recordCalls, type RecordCalls } from './lab-records.js';
import { ModelInspections } from './model-inspections.js';
import { probeProvidersInRunner } from './probe-in-runner.js';
import { RunQueue, type QueuedJob } from './run-queue.js';

export interface LabServiceOptions {
  workspace: Workspace;
  /** Starts the runner process: forkRunner for `edgelab serve`, a utilityProcess in the app. */
  launchRunner: RunnerLauncher;
  /** How this lab names itself to other edgelab processes waiting for the machine (default `edgelab app`). */
  command?: string;
  /** Where the machine's state folder is found (EDGELAB_STATE_DIR); default this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Prints a brief's HTML to PDF: Electron's printToPDF in the app; Chromium headless by default. */
  printPdf?: HtmlToPdf;
}

/**
 * LabApi on Node, over the core: what `edgelab serve` and Electron's main process both expose.
 * Arguments are validated here too (the transports validate first with the same schemas), so a
 * direct caller gets the same refusals. Runs execute in a runner process; this side owns the
 * workspace and saves every record, including the one of a runner that crashed.
 */
export class LabService implements LabApi {
  readonly workspace: Workspace;
  private readonly launchRunner: RunnerLauncher;
  private readonly listeners = new Set<(event: LabEvent) => void>();
  private readonly queue: RunQueue;
  private readonly env: NodeJS.ProcessEnv;
  private readonly inspections = new ModelInspections();
  // The calls that run nothing, set on the instance in the constructor: the imports (lab-imports.ts),
  // the records kept (lab-records.ts) and the ladder (lab-ladder.ts).
  declare readonly importTrtexec: ImportCalls['importTrtexec'];
  declare readonly importOrtProfile: ImportCalls['importOrtProfile'];
  declare readonly importOpenvino: ImportCalls['importOpenvino'];
  declare readonly importDeepstream: ImportCalls['importDeepstream'];
  declare readonly importTegrastats: ImportCalls['importTegrastats'];
  declare readonly scoreCocoResults: ImportCalls['scoreCocoResults'];
  declare readonly runs: RecordCalls['runs'];
  declare readonly runSummaries: RecordCalls['runSummaries'];
  declare readonly run: RecordCalls['run'];
  declare readonly compare: RecordCalls['compare'];
  declare readonly compareRuns: RecordCalls['compareRuns'];
  declare readonly exportReport: RecordCalls['exportReport'];
  declare readonly runSections: RecordCalls['runSections'];
  declare readonly inferenceTrace: RecordCalls['inferenceTrace'];
  declare readonly modelGraph: RecordCalls['modelGraph'];
  declare readonly verify: RecordCalls['verify'];
  declare readonly signHead: RecordCalls['signHead'];
  declare readonly bundleRuns: RecordCalls['bundleRuns'];
  declare readonly mergeBundles: RecordCalls['mergeBundles'];
  declare readonly exportMlflow: RecordCalls['exportMlflow'];
  declare readonly exportDvc: RecordCalls['exportDvc'];
  declare readonly ladder: LadderCalls['ladder'];
  declare readonly attest: LadderCalls['attest'];
  declare readonly assess: LadderCalls['assess'];
  declare readonly labs: LadderCalls['labs'];
  declare readonly explainProfile: LadderCalls['explainProfile'];
  declare readonly decisionRecords: LadderCalls['decisionRecords'];
  declare readonly newDecisionRecord: LadderCalls['newDecisionRecord'];
  declare readonly exportLadder: LadderCalls['exportLadder'];
  declare readonly statePrice: BriefCalls['statePrice'];
  declare readonly prices: BriefCalls['prices'];
  declare readonly previewBrief: BriefCalls['previewBrief'];
  declare readonly writeBrief: BriefCalls['writeBrief'];
  declare readonly signOffBrief: BriefCalls['signOffBrief'];
  declare readonly briefs: BriefCalls['briefs'];
  /** `edgelab ci init` (core/ci): a workflow file's text; it reads nothing from the workspace. */
  ciWorkflow(request: CiWorkflowRequest): Promise<CiWorkflowAnswer> {
    return ciWorkflowText(request);
  }
  /** `edgelab report --fleet` (fleet-report.ts): reads every record, so it loads with the call. */
  fleetReport(request: FleetReportRequest = {}): Promise<FleetReportResult> {
    const valid = LabRequestSchemas.fleetReport.parse({ request }).request;
    return import('./fleet-report.js').then(({ buildFleetReport }) => buildFleetReport(this.workspace, valid));
  }
  /** `edgelab report --tradeoff` (tradeoff-report.ts): reads every record and the stated prices. */
  tradeoff(request: TradeoffRequest = {}): Promise<TradeoffResult> {
    const valid = LabRequestSchemas.tradeoff.parse({ request }).request;
    return import('./tradeoff-report.js').then(({ buildTradeoffReport }) => buildTradeoffReport(this.workspace, valid));
  }

  /** An accuracy run's images and marks (accuracy-images.ts); sharp loads with the call. */
  accuracyImages(request: AccuracyImagesRequest): Promise<AccuracyImagesView> {
    return import('./accuracy-images.js').then(({ accuracyImages }) => accuracyImages(this.workspace, request));
  }
  accuracyImage(request: AccuracyImageFileRequest): Promise<AccuracyImageFile> {
    return import('./accuracy-images.js').then(({ accuracyImageFile }) => accuracyImageFile(this.workspace, request));
  }
  /** Where an image the run's set names lies, for `edgelab serve` to stream it. */
  accuracyImagePath(request: AccuracyImageFileRequest): Promise<{ file: string; path: string; contentType: string }> {
    return import('./accuracy-images.js').then(({ accuracyImagePath }) => accuracyImagePath(this.workspace, request));
  }

  /** `edgelab demo`'s run (demo-spec.ts). */
  demoSpec(): ReturnType<LabApi['demoSpec']> {
    // The model generator loads for the demo only.
    return import('./demo-spec.js').then(({ demoSpec }) => demoSpec());
  }

  constructor(options: LabServiceOptions) {
    this.workspace = options.workspace;
    this.launchRunner = options.launchRunner;
    const env = options.env ?? process.env;
    this.env = env;
    Object.assign(this, importCalls(options.workspace), recordCalls(options.workspace, { env, emit: (event) => this.emit(event) }), ladderCalls(options.workspace),
      briefCalls(options.workspace, { env, ...(options.printPdf ? { printPdf: options.printPdf } : {}) }));
    this.queue = new RunQueue({
      workspace: options.workspace,
      launch: options.launchRunner,
      emit: (event) => this.emit(event),
      env,
      command: options.command ?? 'edgelab app',
    });
  }

  inspectModel(path: string): Promise<ModelInfo> {
    return this.inspections.inspect(LabRequestSchemas.inspectModel.parse({ path }).path);
  }

  providers(): Promise<ProviderStatus[]> {
    return probeProvidersInRunner(this.launchRunner);
  }

  async hardware(): Promise<Record<string, unknown>> {
    // systeminformation loads when the machine is asked about, not with every command's lab.
    const { readHardware } = await import('../hardware/read-hardware.js');
    const info = await readHardware();
    // `summaryRows`: the lines `edgelab hw` prints, so the app shows this machine the same way.
    return { ...(info as unknown as Record<string, unknown>), summaryRows: hardwareRows(info) };
  }

  /**
   * Checks everything that can be checked before measuring (spec, targets, model file, input
   * shapes), so a bad request is refused here with its reason; then starts the runner.
   */
  startRun(specInput: RunSpecInput, options: StartRunOptions = {}): Promise<{ runId: string }> {
    return this.startSupervisedRun(specInput, undefined, LabRequestSchemas.startRun.pick({ options: true }).parse({ options }).options ?? {});
  }

  /** startRun, with summaries the record is saved with (a suite entry's `extras.suite`). */
  private async startSupervisedRun(specInput: RunSpecInput, extras?: Record<string, unknown>, options: StartRunOptions = {}): Promise<{ runId: string }> {
    const spec = RunSpecSchema.parse(specInput);
    parseTargets(spec.targets);
    if (spec.scenario.kind === 'server' && spec.scenario.findMaxQps) parseLatencyBound(spec.scenario.findMaxQps.bound);
    const modelInfo = await this.inspections.inspect(spec.model);
    if (spec.inputs.kind === 'synthetic') resolveInputShapes(spec.model, modelInfo.inputs, spec.inputs.dims, spec.inputs.shapes);
    return this.supervise(spec, modelInfo, { ...(extras ? { extras } : {}), ...(options.save === false ? { save: false } : {}), ...(options.wait === false ? { wait: false } : {}) });
  }

  /** One job in the runner process, in line for the machine; its events go to every listener. */
  private supervise(spec: RunSpec, modelInfo: ModelInfo, job: QueuedJob): { runId: string } {
    return this.queue.enqueue(spec, modelInfo, job);
  }

  async cancelRun(runId: string): Promise<void> {
    if (!this.queue.has(runId)) {
      throw new LabError('usage', `No run ${runId} is in progress.`, 'It may have finished already; its record is in the run list.');
    }
    this.queue.cancel(runId);
  }

  /** The runner process of a run in progress (the crash tests end it from outside). */
  runnerPid(runId: string): number | undefined {
    return this.queue.pid(runId);
  }

  /** Resolves when the run has ended and its record (if any) is saved. */
  async settled(runId: string): Promise<void> {
    await this.queue.settled(runId);
  }

  onEvent(listener: (event: LabEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A suite file entry by entry in the runner process, as `edgelab run` runs it (lab-batch-runs.ts). */
  runSuite(file: string, options: SuiteRunOptions = {}): Promise<SuiteRunView> {
    // A suite file is YAML and ends in reports: their readers load with the first suite.
    return import('./lab-suite-run.js').then(({ runSuiteInLab }) => runSuiteInLab(this.batchLab(), file, options));
  }

  /** A sweep as `edgelab sweep` runs it, each point measured in the runner (lab-batch-runs.ts). */
  runSweep(specInput: RunSpecInput, axesInput: SweepAxesRequest, options: StartRunOptions = {}): Promise<SweepRunView> {
    const valid = LabRequestSchemas.runSweep.pick({ options: true }).parse({ options }).options;
    return import('./lab-batch-runs.js').then(({ runSweepInLab }) => runSweepInLab(this.batchLab(valid), specInput, axesInput));
  }

  private batchLab(options: StartRunOptions = {}): BatchLab {
    return {
      workspace: this.workspace,
      inspections: this.inspections,
      start: (spec, extras) => this.startSupervisedRun(spec, extras, options),
      startCheck: (request, extras) => this.startCheck(request, extras),
      settled: (runId) => this.settled(runId),
      ended: (runId) => endedRecord(this, runId),
      emit: (event) => this.emit(event),
      env: this.env,
    };
  }


  /**
   * `edgelab eval` (expected outputs, accuracy) or `edgelab parity` in the runner process, through
   * the functions the CLI calls; the record is saved as the CLI saves it and `done`/`failed`
   * follow through `onEvent`. Missing files are refused here, before a runner starts.
   */
  startOutputCheck(requestInput: OutputCheckRequest): Promise<{ runId: string }> {
    return this.startCheck(requestInput);
  }

  /** startOutputCheck, with summaries the record is saved with (a suite entry's `extras.suite`). */
  private async startCheck(requestInput: OutputCheckRequest, extras?: Record<string, unknown>): Promise<{ runId: string }> {
    const request = LabRequestSchemas.startOutputCheck.parse({ request: requestInput }).request;
    const modelInfo = await this.inspections.inspect(request.model);
    if (request.kind === 'parity' && request.candidateModel) await this.inspections.inspect(request.candidateModel);
    // The test-data reader (protobuf, ONNX Runtime's tensor types) loads with the first check.
    const { checkOutputCheckPaths, outputCheckSpec } = await import('./output-check-request.js');
    const checked = await checkOutputCheckPaths(request);
    const reference = request.kind === 'labelled' && request.reference ? await (await import('./accuracy-reference.js')).referencePassFile(this.workspace, request.reference, checked.labels) : undefined;
    return this.supervise(outputCheckSpec(request), modelInfo, { start: { type: 'output-check', request, ...(reference ? { reference } : {}) }, ...(extras ? { extras } : {}), ...(request.save === false ? { save: false } : {}) });
  }

  /** Ends the run in progress and every run in line (their records say cancelled) and waits for the records. */
  close(): Promise<void> {
    return this.queue.close();
  }

  private emit(event: LabEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
