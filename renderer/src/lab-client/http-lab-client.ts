/**
 * LabApi over `edgelab serve`: one JSON POST per method (`/api/<method>`, the arguments as one
 * object, validated by the server with core/api/lab-requests.ts) and one EventSource on
 * `/api/events` for run progress. Browser only: fetch, EventSource, no Node.
 *
 * The token: opening the URL the server printed stores it in an HttpOnly cookie for that port, so
 * a page the server itself delivered needs nothing more. A page from elsewhere (Vite's dev server)
 * passes `token`, which is then sent as the `X-Edgelab-Token` header and, since EventSource cannot
 * send headers, as `?token=` on the event stream.
 */
import type { FleetReportRequest, FleetReportResult } from '../../../core/api/fleet-report.js';
import type { TradeoffRequest, TradeoffResult } from '../../../core/api/tradeoff.js';
import type { OutputCheckRequest } from '../../../core/api/output-check.js';
import type { ErrorInfo, LabErrorKind } from '../../../core/api/errors.js';
import type { ExportedReport, LabApi, LabEvent, ModelGraphRequest, RunFilterRequest, RunListItem, StartRunOptions, TwoRunComparison } from '../../../core/api/lab-api.js';
import type { RunSummaryFilter, RunSummaryList } from '../../../core/api/run-summary.js';
import type { InferenceTrace } from '../../../core/api/inference-trace.js';
import type { SignHeadAnswer, SignHeadRequest, VerifyAnswer, VerifyRequest } from '../../../core/api/evidence-verify.js';
import type { BundleRunsAnswer, BundleRunsRequest, MergeBundlesAnswer, MergeBundlesRequest } from '../../../core/api/evidence-bundle.js';
import type { DecisionRecordItem, DecisionRecordRequest } from '../../../core/api/decision-record.js';
import type { BriefItem, BriefRequest, BriefView, PriceList, PriceRequest, PriceStatement, SignOffAnswer, SignOffRequest, WriteBriefRequest, WrittenBrief } from '../../../core/api/brief.js';
import type { ModelGraph } from '../../../core/api/model-graph.js';
import type { SuiteRunOptions, SuiteRunView } from '../../../core/api/suite-run.js';
import type { SweepAxesRequest, SweepRunView } from '../../../core/api/sweep-run.js';
import type { ReportSectionView } from '../../../core/api/report-view.js';
import type { RunSetComparison } from '../../../core/api/run-comparison.js';
import type { DvcExportRequest, DvcExportResult, MlflowExportRequest, MlflowExportResult } from '../../../core/api/team-export.js';
import type { DeepstreamImportRequest, ImportResult, OrtProfileImportRequest, TegrastatsImportRequest, TrtexecImportRequest } from '../../../core/api/imports.js';
import type { OpenvinoImportRequest } from '../../../core/api/openvino-import.js';
import type { CocoScoreAnswer, CocoScoreRequest } from '../../../core/api/coco-score.js';
import type { AccuracyImageFile, AccuracyImageFileRequest, AccuracyImagesRequest, AccuracyImagesView } from '../../../core/api/accuracy-images.js';
import type { AssessmentAnswer, LadderAnswer, LadderExportRequest, PracticeLabStatus } from '../../../core/api/ladder.js';
import type { ModelInfo } from '../../../core/api/model-info.js';
import type { ProviderStatus } from '../../../core/api/providers.js';
import type { RunRecord } from '../../../core/api/run-record.js';
import type { RunSpecInput } from '../../../core/api/run-spec.js';
import type { CiWorkflowAnswer, CiWorkflowRequest } from '../../../core/api/ci-workflow.js';

export interface HttpLabClientOptions {
  /** The server's origin; by default the page's own. */
  baseUrl?: string;
  token?: string;
}

/** A refused or failed call, with the server's message and hint; `name` is 'LabError' as on every transport. */
export class LabRequestError extends Error {
  override readonly name = 'LabError';
  constructor(
    readonly kind: LabErrorKind,
    message: string,
    readonly hint?: string,
    readonly status?: number,
    /** The request field the error is about, when the lab names one (core/api/errors.ts). */
    readonly field?: ErrorInfo['field'],
  ) {
    super(message);
  }
}

export class HttpLabClient implements LabApi {
  private readonly baseUrl: string;
  private readonly token: string | undefined;
  private readonly listeners = new Set<(event: LabEvent) => void>();
  private events: EventSource | undefined;

  constructor(options: HttpLabClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
    this.token = options.token;
  }

  inspectModel(path: string): Promise<ModelInfo> {
    return this.call('inspectModel', { path });
  }
  providers(): Promise<ProviderStatus[]> {
    return this.call('providers', {});
  }
  hardware(): Promise<Record<string, unknown>> {
    return this.call('hardware', {});
  }
  startRun(spec: RunSpecInput, options?: StartRunOptions): Promise<{ runId: string }> {
    return this.call('startRun', { spec, ...(options ? { options } : {}) });
  }
  async cancelRun(runId: string): Promise<void> {
    await this.call('cancelRun', { runId });
  }
  runs(filter: RunFilterRequest = {}): Promise<RunListItem[]> {
    return this.call('runs', { filter });
  }
  runSummaries(filter: RunSummaryFilter = {}): Promise<RunSummaryList> {
    return this.call('runSummaries', { filter });
  }
  run(id: string): Promise<RunRecord> {
    return this.call('run', { id });
  }
  compare(a: string, b: string): Promise<TwoRunComparison> {
    return this.call('compare', { a, b });
  }
  fleetReport(request: FleetReportRequest = {}): Promise<FleetReportResult> {
    return this.call('fleetReport', { request });
  }

  tradeoff(request: TradeoffRequest = {}): Promise<TradeoffResult> {
    return this.call('tradeoff', { request });
  }

  async exportReport(ids: string[], format: 'md' | 'html' | 'json' | 'csv' | 'junit', title?: string): Promise<ExportedReport> {
    const report = await this.call<ExportedReport>('exportReport', { ids, format, ...(title !== undefined ? { title } : {}) });
    return report.url ? { ...report, url: this.baseUrl + report.url } : report;
  }
  verify(request: VerifyRequest = {}): Promise<VerifyAnswer> {
    return this.call('verify', { request });
  }
  signHead(request: SignHeadRequest): Promise<SignHeadAnswer> {
    return this.call('signHead', { request });
  }

  bundleRuns(request: BundleRunsRequest): Promise<BundleRunsAnswer> {
    return this.call('bundleRuns', { request });
  }

  mergeBundles(request: MergeBundlesRequest): Promise<MergeBundlesAnswer> {
    return this.call('mergeBundles', { request });
  }

  /** A bundle file chosen in the browser, sent as it is to the server, which merges it as mergeBundles does (core/server/bundle-upload.ts). */
  uploadBundle(file: Blob, name: string, allowedSigners?: string): Promise<MergeBundlesAnswer> {
    const query = new URLSearchParams({ name, ...(allowedSigners ? { allowedSigners } : {}) });
    return this.post('upload-bundle?' + query.toString(), 'application/octet-stream', file);
  }
  ladder(): Promise<LadderAnswer> {
    return this.call('ladder', {});
  }
  attest(itemId: string, note: string, link?: string, date?: string): Promise<unknown> {
    return this.call('attest', { itemId, note, ...(link !== undefined ? { link } : {}), ...(date !== undefined ? { date } : {}) });
  }
  assess(answers: boolean[]): Promise<AssessmentAnswer> {
    return this.call('assess', { answers });
  }
  labs(): Promise<PracticeLabStatus[]> {
    return this.call('labs', {});
  }
  exportLadder(request: LadderExportRequest): Promise<ExportedReport> {
    return this.call('exportLadder', { request });
  }
  exportMlflow(request: MlflowExportRequest): Promise<MlflowExportResult> {
    return this.call('exportMlflow', { request });
  }
  exportDvc(request: DvcExportRequest): Promise<DvcExportResult> {
    return this.call('exportDvc', { request });
  }

  importTrtexec(request: TrtexecImportRequest): Promise<ImportResult> {
    return this.call('importTrtexec', { request });
  }

  importOrtProfile(request: OrtProfileImportRequest): Promise<ImportResult> {
    return this.call('importOrtProfile', { request });
  }

  importOpenvino(request: OpenvinoImportRequest): Promise<ImportResult> {
    return this.call('importOpenvino', { request });
  }

  importDeepstream(request: DeepstreamImportRequest): Promise<ImportResult> {
    return this.call('importDeepstream', { request });
  }

  importTegrastats(request: TegrastatsImportRequest): Promise<ImportResult> {
    return this.call('importTegrastats', { request });
  }

  scoreCocoResults(request: CocoScoreRequest): Promise<CocoScoreAnswer> {
    return this.call('scoreCocoResults', { request });
  }

  accuracyImages(request: AccuracyImagesRequest): Promise<AccuracyImagesView> {
    return this.call('accuracyImages', { request });
  }

  accuracyImage(request: AccuracyImageFileRequest): Promise<AccuracyImageFile> {
    return this.call('accuracyImage', { request });
  }

  modelGraph(request: ModelGraphRequest): Promise<ModelGraph> {
    return this.call('modelGraph', { request });
  }
  compareRuns(ids: string[]): Promise<RunSetComparison> {
    return this.call('compareRuns', { ids });
  }
  explainProfile(runId: string, note: string, link?: string): Promise<unknown> {
    return this.call('explainProfile', { runId, note, ...(link !== undefined ? { link } : {}) });
  }
  runSweep(spec: RunSpecInput, axes: SweepAxesRequest, options?: StartRunOptions): Promise<SweepRunView> {
    return this.call('runSweep', { spec, axes, ...(options ? { options } : {}) });
  }
  runSuite(file: string, options?: SuiteRunOptions): Promise<SuiteRunView> {
    return this.call('runSuite', { file, ...(options !== undefined ? { options } : {}) });
  }
  startOutputCheck(request: OutputCheckRequest): Promise<{ runId: string }> {
    return this.call('startOutputCheck', { request });
  }

  ciWorkflow(request: CiWorkflowRequest): Promise<CiWorkflowAnswer> {
    return this.call('ciWorkflow', { request });
  }
  decisionRecords(): Promise<DecisionRecordItem[]> {
    return this.call('decisionRecords', {});
  }
  demoSpec(): Promise<RunSpecInput> {
    return this.call('demoSpec', {});
  }
  newDecisionRecord(request: DecisionRecordRequest): Promise<DecisionRecordItem & { path: string }> {
    return this.call('newDecisionRecord', { request });
  }
  statePrice(request: PriceRequest): Promise<PriceStatement> {
    return this.call('statePrice', { request });
  }
  prices(): Promise<PriceList> {
    return this.call('prices', {});
  }
  previewBrief(request: BriefRequest): Promise<BriefView> {
    return this.call('previewBrief', { request });
  }
  writeBrief(request: WriteBriefRequest): Promise<WrittenBrief> {
    return this.call('writeBrief', { request });
  }
  signOffBrief(request: SignOffRequest): Promise<SignOffAnswer> {
    return this.call('signOffBrief', { request });
  }
  briefs(): Promise<BriefItem[]> {
    return this.call('briefs', {});
  }
  runSections(id: string): Promise<ReportSectionView[]> {
    return this.call('runSections', { id });
  }
  inferenceTrace(runId: string, inference?: number): Promise<InferenceTrace> {
    return this.call('inferenceTrace', { runId, ...(inference !== undefined ? { inference } : {}) });
  }

  /** One shared event stream, opened with the first listener and closed after the last. */
  onEvent(listener: (event: LabEvent) => void): () => void {
    this.listeners.add(listener);
    if (!this.events) {
      const query = this.token ? `?token=${encodeURIComponent(this.token)}` : '';
      this.events = new EventSource(`${this.baseUrl}/api/events${query}`);
      this.events.onmessage = (message: MessageEvent<string>) => {
        const event = JSON.parse(message.data) as LabEvent;
        for (const l of this.listeners) l(event);
      };
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.events?.close();
        this.events = undefined;
      }
    };
  }

  private call<T>(method: string, args: object): Promise<T> {
    return this.post(method, 'application/json', JSON.stringify(args));
  }

  private async post<T>(method: string, contentType: string, payload: BodyInit): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': contentType, ...(this.token ? { 'X-Edgelab-Token': this.token } : {}) },
        body: payload,
        credentials: 'same-origin',
      });
    } catch (e) {
      throw new LabRequestError('unavailable', `The edgelab server at ${this.baseUrl || location.origin} does not answer (${(e as Error).message}).`, 'Is `edgelab serve` still running? Start it again and open the URL it prints.');
    }
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('application/json')) {
      const text = (await response.text()).trim();
      throw new LabRequestError(response.status === 500 ? 'runtime' : 'usage', text || `${method}: HTTP ${response.status}.`, response.status === 401 || response.status === 403 ? 'Open the URL that `edgelab serve` printed, with its ?token=….' : undefined, response.status);
    }
    const body = (await response.json()) as { value?: T; error?: ErrorInfo };
    if (body.error) throw new LabRequestError(body.error.kind, body.error.message, body.error.hint, response.status, body.error.field);
    return body.value as T;
  }
}
