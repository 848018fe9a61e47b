import type { LadderStatus, PracticeLabStatus } from '../api/ladder.js';
import { LabError } from '../api/errors.js';
import type { ExportedReport, LabApi, LabEvent, StartRunOptions, ModelGraphRequest, RunFilterRequest, RunListItem } from '../api/lab-api.js';
import type { InferenceTrace } from '../api/inference-trace.js';
import type { ModelGraph } from '../api/model-graph.js';
import type { SuiteRunView } from '../api/suite-run.js';
import type { SweepAxesRequest, SweepRunView } from '../api/sweep-run.js';
import type { DecisionRecordItem, DecisionRecordRequest } from '../api/decision-record.js';
import { explainProfile } from '../ladder/attest.js';
import { listDecisionRecords, newDecisionRecord } from '../ladder/decision-records.js';
import type { ReportSectionView } from '../api/report-view.js';
import { runSections } from '../present/sections/run-sections.js';
import type { RunSetComparison } from '../api/run-comparison.js';
import type { ModelInfo } from '../api/model-info.js';
import type { ProviderStatus } from '../api/providers.js';
import type { RunRecord } from '../api/run-record.js';
import { RunSpecSchema, type RunSpec, type RunSpecInput } from '../api/run-spec.js';
import { LabRequestSchemas } from '../api/lab-requests.js';
import type { Workspace } from '../evidence/index.js';
import type { SignHeadAnswer, SignHeadRequest, VerifyAnswer, VerifyRequest } from '../api/evidence-verify.js';
import { signLedgerHead, verifyEvidence } from './verify-evidence.js';
import { hardwareRows } from '../present/format-hardware.js';
import { readHardware } from '../hardware/read-hardware.js';
import { resolveInputShapes } from '../inputs/shapes.js';
import { assess, attestItem, checkLabs, evaluateLadder, loadAssessment, loadLadderEvidence, saveAssessment } from '../ladder/index.js';
import { ModelInspections } from './model-inspections.js';
import { edgelabVersion } from '../package-root.js';
import { exporters, renderReport } from '../report/index.js';
import { compareRuns, formatComparison } from '../report/compare.js';
import { refuseSelfComparison } from '../report/compare-inputs.js';
import type { RunnerLauncher } from '../runner/runner-process.js';
import { parseTargets } from '../targets/index.js';
import { parseLatencyBound } from '../bench/scenarios/latency-bound.js';
import { probeProvidersInRunner } from './probe-in-runner.js';
import { renderSuiteJunit } from '../report/junit-suite.js';
import { toRunListItem } from './run-list-item.js';
import { compareRunSet } from './compare-runs.js';
import { readModelGraph } from './model-graph.js';
import { readInferenceTrace } from './inference-trace.js';
import { RunQueue, type QueuedJob } from './run-queue.js';
import { endedRecord, runSuiteInLab, runSweepInLab, type BatchLab } from './lab-batch-runs.js';
import type { DvcExportRequest, DvcExportResult, MlflowExportRequest, MlflowExportResult } from '../api/team-export.js';
import { exportToDvc, exportToMlflow } from '../export/team-export.js';
import { importCalls, type ImportCalls } from './lab-imports.js';
import { demoSpec } from './demo-spec.js';
import type { OutputCheckRequest } from '../api/output-check.js';
import { checkOutputCheckPaths, outputCheckSpec } from './output-check-request.js';

export interface LabServiceOptions {
  workspace: Workspace;
  /** Starts the runner process: forkRunner for `edgelab serve`, a utilityProcess in the app. */
  launchRunner: RunnerLauncher;
  /** How this lab names itself to other edgelab processes waiting for the machine (default `edgelab app`). */
  command?: string;
  /** Where the machine's state folder is found (EDGELAB_STATE_DIR); default this process's environment. */
  env?: NodeJS.ProcessEnv;
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
  private readonly inspections = new ModelInspections();
  // The imports, from lab-imports.ts: set on the instance in the constructor.
  declare readonly importTrtexec: ImportCalls['importTrtexec'];
  declare readonly importOrtProfile: ImportCalls['importOrtProfile'];
  declare readonly importOpenvino: ImportCalls['importOpenvino'];
  declare readonly importDeepstream: ImportCalls['importDeepstream'];
  declare readonly importTegrastats: ImportCalls['importTegrastats'];

  constructor(options: LabServiceOptions) {
    this.workspace = options.workspace;
    this.launchRunner = options.launchRunner;
    Object.assign(this, importCalls(options.workspace));
    this.queue = new RunQueue({
      workspace: options.workspace,
      launch: options.launchRunner,
      emit: (event) => this.emit(event),
      env: options.env ?? process.env,
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

  async runs(filter: RunFilterRequest = {}): Promise<RunListItem[]> {
    const f = LabRequestSchemas.runs.parse({ filter }).filter;
    const summaries = await this.workspace.listRuns({
      ...(f.model !== undefined ? { modelName: f.model } : {}),
      ...(f.tag !== undefined ? { tag: f.tag } : {}),
      ...(f.state !== undefined ? { state: f.state } : {}),
      ...(f.since !== undefined ? { since: f.since } : {}),
      ...(f.limit !== undefined ? { limit: f.limit } : {}),
    });
    const here = await readHardware().catch(() => null);
    const labels = new Map(here ? [[here.fingerprint, here.label]] : []);
    return summaries.map((s) => toRunListItem(s, labels));
  }

  run(id: string): Promise<RunRecord> {
    return this.workspace.getRun(LabRequestSchemas.run.parse({ id }).id);
  }

  async compare(a: string, b: string): Promise<{ text: string; data: unknown }> {
    const ids = LabRequestSchemas.compare.parse({ a, b });
    const [runA, runB] = [await this.workspace.getRun(ids.a), await this.workspace.getRun(ids.b)];
    refuseSelfComparison([runA.id, runB.id]);
    const comparison = compareRuns(runA, runB);
    return { text: formatComparison(comparison), data: comparison };
  }

  async exportReport(ids: string[], format: 'md' | 'html' | 'json' | 'csv' | 'junit'): Promise<ExportedReport> {
    const request = LabRequestSchemas.exportReport.parse({ ids, format });
    const runs = await Promise.all(request.ids.map((id) => this.workspace.getRun(id)));
    const content = await renderReport(request.format, runs, { generatedAt: new Date(), edgelabVersion: edgelabVersion(), ...(await this.workspace.headPin()) });
    const exporter = exporters[request.format];
    const first = runs[0]?.id ?? 'runs';
    const fileName = `edgelab-${first}${runs.length > 1 ? `-and-${runs.length - 1}-more` : ''}${exporter.extension}`;
    return { fileName, mediaType: exporter.mediaType, content };
  }

  verify(request: VerifyRequest = {}): Promise<VerifyAnswer> {
    return verifyEvidence(this.workspace, LabRequestSchemas.verify.parse({ request }).request as VerifyRequest);
  }

  signHead(request: SignHeadRequest): Promise<SignHeadAnswer> {
    return signLedgerHead(this.workspace, LabRequestSchemas.signHead.parse({ request }).request);
  }

  async ladder(): Promise<LadderStatus> {
    return evaluateLadder(await loadLadderEvidence(this.workspace), await loadAssessment(this.workspace.dir));
  }

  attest(itemId: string, note: string, link?: string): Promise<unknown> {
    const request = LabRequestSchemas.attest.parse({ itemId, note, ...(link !== undefined ? { link } : {}) });
    return attestItem(this.workspace, { itemId: request.itemId, note: request.note, link: request.link ?? null });
  }

  async assess(answers: boolean[]): Promise<unknown> {
    const assessment = assess(LabRequestSchemas.assess.parse({ answers }).answers);
    await saveAssessment(this.workspace.dir, assessment);
    return assessment;
  }

  async labs(): Promise<PracticeLabStatus[]> {
    return checkLabs(await loadLadderEvidence(this.workspace)).map(({ lab, check }) => ({
      id: lab.id, title: lab.title, goal: lab.goal, serves: lab.serves, steps: lab.steps, done: check.done, detail: check.detail,
    }));
  }

  /** Credentials come from this process's environment (MLFLOW_TRACKING_TOKEN …), never from the request. */
  exportMlflow(request: MlflowExportRequest): Promise<MlflowExportResult> {
    const r = LabRequestSchemas.exportMlflow.parse({ request }).request;
    return exportToMlflow(this.workspace, { ids: r.ids, trackingUri: r.trackingUri, ...(r.experiment !== undefined ? { experiment: r.experiment } : {}) }, process.env);
  }

  exportDvc(request: DvcExportRequest): Promise<DvcExportResult> {
    return exportToDvc(this.workspace, LabRequestSchemas.exportDvc.parse({ request }).request);
  }

  modelGraph(request: ModelGraphRequest): Promise<ModelGraph> {
    return readModelGraph(this.workspace, LabRequestSchemas.modelGraph.parse({ request }).request);
  }

  async compareRuns(ids: string[]): Promise<RunSetComparison> {
    const request = LabRequestSchemas.compareRuns.parse({ ids });
    return compareRunSet(await Promise.all(request.ids.map((id) => this.workspace.getRun(id))));
  }

  inferenceTrace(runId: string, inference?: number): Promise<InferenceTrace> {
    const request = LabRequestSchemas.inferenceTrace.parse({ runId, ...(inference !== undefined ? { inference } : {}) });
    return readInferenceTrace(this.workspace, request.runId, request.inference);
  }

  async runSections(id: string): Promise<ReportSectionView[]> {
    return runSections(await this.workspace.getRun(LabRequestSchemas.runSections.parse({ id }).id));
  }

  explainProfile(runId: string, note: string, link?: string): Promise<unknown> {
    const request = LabRequestSchemas.explainProfile.parse({ runId, note, ...(link !== undefined ? { link } : {}) });
    return explainProfile(this.workspace, { runId: request.runId, note: request.note, link: request.link ?? null });
  }

  decisionRecords(): Promise<DecisionRecordItem[]> {
    return listDecisionRecords(this.workspace.dir);
  }
  readonly demoSpec = demoSpec;

  newDecisionRecord(request: DecisionRecordRequest): Promise<DecisionRecordItem & { path: string }> {
    const valid = LabRequestSchemas.newDecisionRecord.parse({ request }).request;
    if (valid.title.trim() === '') {
      throw new LabError('usage', 'The decision record has no title.', 'Name the decision in a line, e.g. "Run the detector in INT8 on the Jetson".');
    }
    return newDecisionRecord(this.workspace, valid);
  }

  /** A suite file entry by entry in the runner process, as `edgelab run` runs it (lab-batch-runs.ts). */
  runSuite(file: string): Promise<SuiteRunView> {
    return runSuiteInLab(this.batchLab(), file);
  }

  /** A sweep as `edgelab sweep` runs it, each point measured in the runner (lab-batch-runs.ts). */
  runSweep(specInput: RunSpecInput, axesInput: SweepAxesRequest, options: StartRunOptions = {}): Promise<SweepRunView> {
    return runSweepInLab(this.batchLab(LabRequestSchemas.runSweep.pick({ options: true }).parse({ options }).options), specInput, axesInput);
  }

  private batchLab(options: StartRunOptions = {}): BatchLab {
    return {
      workspace: this.workspace, inspections: this.inspections,
      start: (spec, extras) => this.startSupervisedRun(spec, extras, options),
      settled: (runId) => this.settled(runId), ended: (runId) => endedRecord(this, runId), emit: (event) => this.emit(event),
    };
  }

  /**
   * `edgelab eval` (expected outputs, accuracy) or `edgelab parity` in the runner process, through
   * the functions the CLI calls; the record is saved as the CLI saves it and `done`/`failed`
   * follow through `onEvent`. Missing files are refused here, before a runner starts.
   */
  async startOutputCheck(requestInput: OutputCheckRequest): Promise<{ runId: string }> {
    const request = LabRequestSchemas.startOutputCheck.parse({ request: requestInput }).request;
    await checkOutputCheckPaths(request);
    const modelInfo = await this.inspections.inspect(request.model);
    if (request.kind === 'parity' && request.candidateModel) await this.inspections.inspect(request.candidateModel);
    return this.supervise(outputCheckSpec(request), modelInfo, { start: { type: 'output-check', request } });
  }

  /** Ends the run in progress and every run in line (their records say cancelled) and waits for the records. */
  close(): Promise<void> {
    return this.queue.close();
  }

  private emit(event: LabEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
