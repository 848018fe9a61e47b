import { z } from 'zod';
import { DECISION_STATUS_NAMES } from './decision-record.js';
import { LADDER_EXPORT_FORMATS } from './ladder.js';
import { ExecutionProviderSchema, RunSpecRequestSchema } from './run-spec.js';
import { boundedText, filledText } from './bounded-text.js';
import { LIST_LIMITS } from './text-limits.js';
import { OutputCheckRequestSchema } from './output-check.js';
import { OpenvinoImportRequestSchema } from './openvino-import.js';
import { COCO_IOU_TYPES } from './coco-score.js';
import { InspectModelRequestSchema } from './inspect-request.js';
import { BriefRequestSchema, PriceRequestSchema, SignOffRequestSchema, WriteBriefRequestSchema } from './brief.js';
import { CiWorkflowRequestSchema } from './ci-workflow.js';
import { AccuracyImageFileRequestSchema, AccuracyImagesRequestSchema } from './accuracy-images.js';

/**
 * Arguments of every LabApi method, as one zod schema per method. The HTTP server validates each
 * POST body with these, Electron's IPC handlers validate each call with the same ones, so a request
 * is accepted or refused the same way whichever face sent it. zod only: importable from a browser.
 */

const runId = z.string().min(1).max(128);
/** A ledger head as verify, reports and exports print it. */
const ledgerHash = z.string().regex(/^[0-9a-fA-F]{64}$/, 'expected the 64-hex-digit ledger head that verify, a report or an export printed');
/** A file on the lab's machine that an import reads. */
const importPath = boundedText('path').min(1);
/** Targets judged on an imported run's figures, and its tags: as `--target` and `--tag` take them. */
const importTargets = z.array(filledText('target')).max(LIST_LIMITS.targets, { error: `a run carries at most ${LIST_LIMITS.targets} targets` }).optional();
const importTags = z.array(filledText('tag')).max(LIST_LIMITS.tags, { error: `a run carries at most ${LIST_LIMITS.tags} tags` }).optional();

export const RunFilterRequestSchema = z.strictObject({
  model: z.string().min(1).optional(),
  tag: boundedText('tag').min(1).optional(),
  state: z.enum(['completed', 'failed', 'cancelled', 'summary-only', 'observed']).optional(),
  since: z.string().min(1).optional(),
  limit: z.number().int().positive().max(10_000).optional(),
});

/** LabApi's StartRunOptions: `--no-save` (save: false) and `--no-wait` (wait: false). */
export const StartRunOptionsSchema = z.strictObject({ save: z.boolean().optional(), wait: z.boolean().optional() });

export const RunSummaryFilterSchema = z.strictObject({
  model: boundedText('value').min(1).optional(),
  tags: z.array(boundedText('tag').min(1)).max(100).optional(),
  state: z.enum(['completed', 'failed', 'cancelled', 'summary-only', 'observed']).optional(),
  since: boundedText('value').min(1).optional(),
  limit: z.number().int().positive().optional(),
});

export const ReportFormatRequestSchema = z.enum(['md', 'html', 'json', 'csv', 'junit']);

export const LabRequestSchemas = {
  inspectModel: InspectModelRequestSchema,
  providers: z.strictObject({}),
  hardware: z.strictObject({}),
  startRun: z.strictObject({ spec: RunSpecRequestSchema, options: StartRunOptionsSchema.optional() }),
  cancelRun: z.strictObject({ runId }),
  runs: z.strictObject({ filter: RunFilterRequestSchema.default({}) }),
  runSummaries: z.strictObject({ filter: RunSummaryFilterSchema.default({}) }),
  run: z.strictObject({ id: runId }),
  compare: z.strictObject({ a: runId, b: runId }),
  exportReport: z.strictObject({ ids: z.array(runId).min(1).max(1000), format: ReportFormatRequestSchema, title: boundedText('value').min(1).optional() }),
  fleetReport: z.strictObject({
    request: z.strictObject({ format: z.enum(['md', 'html', 'csv', 'json']).optional(), model: boundedText('value').min(1).optional(), unit: boundedText('value').min(1).optional() }).default({}),
  }),
  tradeoff: z.strictObject({
    request: z.strictObject({ family: boundedText('value').min(1).optional(), format: z.enum(['md', 'html', 'csv', 'json']).optional() }).default({}),
  }),
  verify: z.strictObject({
    request: z
      .strictObject({
        pinnedHead: ledgerHash.optional(),
        acceptHead: ledgerHash.optional(),
        allowedSigners: z.string().min(1).max(4096).optional(),
        acceptUnrecorded: z.boolean().optional(),
      })
      .default({}),
  }),
  signHead: z.strictObject({ request: z.strictObject({ key: z.string().min(1).max(4096) }) }),
  bundleRuns: z.strictObject({
    request: z.strictObject({
      runs: z.array(runId).max(100_000).default([]),
      all: z.boolean().optional(),
      since: ledgerHash.optional(),
      out: z.string().min(1).max(4096),
      key: z.string().min(1).max(4096).optional(),
    }),
  }),
  mergeBundles: z.strictObject({
    request: z.strictObject({ bundles: z.array(z.string().min(1).max(4096)).min(1).max(1000), allowedSigners: z.string().min(1).max(4096).optional() }),
  }),
  ladder: z.strictObject({}),
  attest: z.strictObject({ itemId: z.string().min(1).max(200), note: boundedText('prose'), link: z.string().max(2000).optional(), date: z.string().max(40).optional() }),
  assess: z.strictObject({ answers: z.array(z.boolean()).length(5) }),
  labs: z.strictObject({}),
  exportLadder: z.strictObject({ request: z.strictObject({ format: z.enum(LADDER_EXPORT_FORMATS), charts: z.boolean().optional() }) }),
  exportMlflow: z.strictObject({
    // No ids with `all`: every run in the workspace; no ids without it is refused by the lab, in its own words.
    request: z.strictObject({ ids: z.array(runId).max(1000), trackingUri: z.string().min(1).max(2000), experiment: z.string().min(1).max(500).optional(), all: z.boolean().optional() }),
  }),
  exportDvc: z.strictObject({ request: z.strictObject({ dir: z.string().min(1).max(4096), ids: z.array(runId).max(1000).default([]) }) }),
  modelGraph: z.strictObject({ request: z.strictObject({ path: z.string().min(1).optional(), runId: runId.optional() }) }),
  compareRuns: z.strictObject({ ids: z.array(runId).min(2).max(50) }),
  inferenceTrace: z.strictObject({ runId, inference: z.number().int().min(0).optional() }),
  runSections: z.strictObject({ id: runId }),
  explainProfile: z.strictObject({ runId, note: boundedText('prose'), link: z.string().max(2000).optional() }),
  decisionRecords: z.strictObject({}),
  demoSpec: z.strictObject({}),
  runSuite: z.strictObject({
    file: z.string().min(1),
    options: z
      .strictObject({
        check: z.boolean().optional(),
        report: ReportFormatRequestSchema.optional(),
        mlflow: z.strictObject({ trackingUri: z.string().min(1).max(2000), experiment: z.string().min(1).max(500).optional() }).optional(),
      })
      .default({}),
  }),
  runSweep: z.strictObject({
    spec: RunSpecRequestSchema,
    axes: z.strictObject({
      batch: z.array(z.number().int().positive()).max(32).optional(),
      threads: z.array(z.number().int().min(0).max(1024)).max(32).optional(),
      executionProviders: z.array(ExecutionProviderSchema).max(8).optional(),
      batchDim: z.string().min(1).optional(),
    }),
    options: StartRunOptionsSchema.optional(),
  }),
  importTrtexec: z.strictObject({
    request: z.strictObject({
      log: importPath.optional(),
      times: importPath.optional(),
      profile: importPath.optional(),
      layerInfo: importPath.optional(),
      model: importPath.optional(),
      label: filledText('label').optional(),
      statedHardware: filledText('statedHardware').optional(),
      targets: importTargets,
      tags: importTags,
    }),
  }),
  importOrtProfile: z.strictObject({
    request: z.strictObject({
      // Empty is let through so the lab can answer in its own words ("no trace given"), not a schema's.
      trace: boundedText('path'),
      model: importPath.optional(),
      label: filledText('label').optional(),
      statedHardware: filledText('statedHardware').optional(),
      skipRuns: z.number().int().min(0).max(1_000_000).optional(),
      top: z.number().int().min(1).max(10_000).optional(),
      save: z.boolean().optional(),
    }),
  }),
  importOpenvino: z.strictObject({ request: OpenvinoImportRequestSchema }),
  importDeepstream: z.strictObject({
    request: z.strictObject({
      // Empty is let through so the lab answers in its own words, as for a trace.
      log: boundedText('path'),
      targets: z.array(boundedText('target').min(1)).max(LIST_LIMITS.targets).optional(),
      label: filledText('label').optional(),
      statedHardware: filledText('statedHardware').optional(),
      tags: importTags,
    }),
  }),
  importTegrastats: z.strictObject({
    request: z.strictObject({
      log: boundedText('path'),
      runId: z.string().max(200),
      intervalMs: z.number().int().min(1).max(3_600_000).optional(),
      label: filledText('label').optional(),
      statedHardware: filledText('statedHardware').optional(),
    }),
  }),
  scoreCocoResults: z.strictObject({
    request: z.strictObject({
      annotations: importPath,
      predictions: importPath,
      iouType: z.enum(COCO_IOU_TYPES).optional(),
      label: filledText('label').optional(),
      tags: importTags,
    }),
  }),
  newDecisionRecord: z.strictObject({
    request: z.strictObject({
      title: z.string().max(300),
      runIds: z.array(runId).max(100).optional(),
      status: z.enum(DECISION_STATUS_NAMES).optional(),
      context: boundedText('prose').optional(),
      decision: boundedText('prose').optional(),
      consequences: boundedText('prose').optional(),
    }),
  }),
  accuracyImages: z.strictObject({ request: AccuracyImagesRequestSchema }),
  accuracyImage: z.strictObject({ request: AccuracyImageFileRequestSchema }),
  startOutputCheck: z.strictObject({ request: OutputCheckRequestSchema }),
  statePrice: z.strictObject({ request: PriceRequestSchema }),
  prices: z.strictObject({}),
  previewBrief: z.strictObject({ request: BriefRequestSchema }),
  writeBrief: z.strictObject({ request: WriteBriefRequestSchema }),
  signOffBrief: z.strictObject({ request: SignOffRequestSchema }),
  briefs: z.strictObject({}),
  ciWorkflow: z.strictObject({ request: CiWorkflowRequestSchema }),
} as const;

export type LabMethod = keyof typeof LabRequestSchemas;
/** Desktop only: print the HTML report of these runs to a PDF file the user chooses. */
export const ExportPdfRequestSchema = z.strictObject({ ids: z.array(runId).min(1).max(1000) });

export const labMethods = Object.keys(LabRequestSchemas) as LabMethod[];

export function isLabMethod(name: string): name is LabMethod {
  return Object.hasOwn(LabRequestSchemas, name);
}

/** What a caller sends for a method (defaults not yet filled in). */
export type LabRequest<M extends LabMethod> = z.input<(typeof LabRequestSchemas)[M]>;
/** The same request once validated. */
export type ValidLabRequest<M extends LabMethod> = z.output<(typeof LabRequestSchemas)[M]>;
