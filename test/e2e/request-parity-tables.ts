/**
 * What the parity test holds every LabApi request field to (test/e2e/request-parity.test.ts): the
 * CLI flag that sets it, checked against the command's real --help; or an exception with its
 * reason. The app side is read from the rendered screens; its exceptions are listed here.
 */

/** A CLI flag (`--tag`) or a positional argument as the usage line names it (`MODEL`). */
export interface CliFlag {
  /** The command as typed after `edgelab` (`runs verify`, `import trtexec`). */
  command: string;
  flag: string;
  /**
   * Where the flag is documented when the command takes another command's flags (`sweep MODEL …
   * [bench flags]`): the test checks that the command's usage says so.
   */
  helpOf?: string;
}

const on = (command: string, flag: string, helpOf?: string): CliFlag => (helpOf ? { command, flag, helpOf } : { command, flag });

/** A RunSpec's fields and bench's flags for them; the sweep takes the same (`[bench flags]`). */
const SPEC_FLAGS: Record<string, string> = {
  model: 'MODEL', label: '--label', tags: '--tag', targets: '--target', profile: '--profile', telemetry: '--no-telemetry',
  'inputs.kind': '--images', 'inputs.dims': '--dim', 'inputs.shapes': '--shape', 'inputs.seed': '--seed', 'inputs.poolSize': '--input-pool',
  'inputs.paths': '--images', 'inputs.resize': '--resize', 'inputs.padValue': '--pad-value', 'inputs.channelOrder': '--channel-order',
  'inputs.layout': '--layout', 'inputs.scale': '--scale', 'inputs.mean': '--mean', 'inputs.std': '--std', 'inputs.dtype': '--image-dtype', 'inputs.size': '--image-size',
  'session.executionProviders': '--ep', 'session.intraOpNumThreads': '--threads', 'session.interOpNumThreads': '--inter-threads',
  'session.graphOptimizationLevel': '--graph-opt', 'session.executionMode': '--execution-mode', 'session.enableCpuMemArena': '--no-cpu-arena',
  'session.enableMemPattern': '--no-mem-pattern', 'session.freeDimensionOverrides': '--free-dim',
  'scenario.kind': '--scenario', 'scenario.iterations': '--iterations', 'scenario.durationS': '--duration', 'scenario.warmup.iterations': '--warmup',
  'scenario.warmup.durationMs': '--warmup', 'scenario.concurrency': '--concurrency', 'scenario.sessions': '--sessions', 'scenario.qps': '--qps',
  'scenario.seed': '--schedule-seed', 'scenario.trials': '--trials', 'scenario.batchDim': '--batch-dim', 'scenario.findMaxQps.bound': '--bound',
  'scenario.findMaxQps.maxTrials': '--max-trials', 'scenario.findMaxQps.trialDurationS': '--trial-duration',
  'engine.kind': '--engine', 'engine.precision': '--precision', 'engine.dlaCore': '--dla', 'engine.trtexecPath': '--trtexec', 'engine.timeoutS': '--trtexec-timeout',
  'engine.spinWait': '--spin-wait', 'engine.cudaGraph': '--cuda-graph', 'engine.noDataTransfers': '--no-data-transfers', 'engine.calib': '--calib',
};

/** Output-check fields and the eval/parity flags that set them. */
const CHECK_FLAGS: Record<string, CliFlag> = {
  kind: on('eval', '--test-data'), model: on('eval', 'MODEL'), testData: on('eval', '--test-data'), 'tolerance.atol': on('eval', '--atol'),
  'tolerance.rtol': on('eval', '--rtol'), ep: on('eval', '--ep'), saveExpected: on('eval', '--save-expected'), force: on('eval', '--force'),
  images: on('eval', '--images'), labels: on('eval', '--labels'), label: on('eval', '--label'), save: on('eval', '--no-save'),
  candidateModel: on('parity', 'MODEL_B'), providers: on('parity', '--ep'), seed: on('parity', '--seed'), sets: on('parity', '--sets'), dims: on('parity', '--dim'),
  ...Object.fromEntries(['resize', 'padValue', 'channelOrder', 'layout', 'scale', 'mean', 'std', 'dtype', 'size'].map((k) => [`preprocessing.${k}`, on('eval', SPEC_FLAGS[`inputs.${k}`] as string)])),
  // The accuracy pass on a labelled set (eval MODEL --labels FORMAT --annotations … --decoder …).
  'labels.format': on('eval', '--labels'), 'labels.annotations': on('eval', '--annotations'), 'labels.images': on('eval', '--images'),
  'labels.classes': on('eval', '--classes'), 'labels.ignoreValue': on('eval', '--ignore-value'),
  'decoder.name': on('eval', '--decoder'), 'decoder.scoreThreshold': on('eval', '--score-threshold'), 'decoder.iouThreshold': on('eval', '--iou-threshold'),
  'decoder.maxDetections': on('eval', '--max-detections'), 'decoder.maskThreshold': on('eval', '--mask-threshold'), 'decoder.classAgnostic': on('eval', '--class-agnostic'),
  reference: on('eval', '--reference'), targets: on('eval', '--target'), resamples: on('eval', '--resamples'),
  'decoder.output': on('eval', '--output'),
  ...Object.fromEntries(['kind', 'precision', 'dlaCore', 'trtexecPath', 'timeoutS', 'calib'].map((k) => [`engine.${k}`, on('eval', SPEC_FLAGS[`engine.${k}`] as string)])),
};

const imports = (method: string, command: string, flags: Record<string, string>) =>
  Object.fromEntries(Object.entries(flags).map(([field, flag]) => [`${method}.request.${field}`, on(`import ${command}`, flag)]));

export const CLI_FLAGS: Record<string, CliFlag> = {
  ...Object.fromEntries(Object.entries(SPEC_FLAGS).flatMap(([field, flag]) => [[`startRun.spec.${field}`, on('bench', flag)], [`runSweep.spec.${field}`, on('sweep', flag, 'bench')]])),
  'runSweep.axes.batch': on('sweep', '--batch'), 'runSweep.axes.threads': on('sweep', '--threads'), 'runSweep.axes.executionProviders': on('sweep', '--ep'), 'runSweep.axes.batchDim': on('sweep', '--dim'),
  ...Object.fromEntries(Object.entries(CHECK_FLAGS).map(([field, flag]) => [`startOutputCheck.request.${field}`, flag])),
  'inspectModel.path': on('inspect', 'MODEL'),
  'runs.filter.model': on('runs list', '--model'), 'runs.filter.tag': on('runs list', '--tag'), 'runs.filter.state': on('runs list', '--state'),
  'runs.filter.since': on('runs list', '--since'), 'runs.filter.limit': on('runs list', '--limit'),
  'runSummaries.filter.model': on('runs list', '--model'), 'runSummaries.filter.tags': on('runs list', '--tag'), 'runSummaries.filter.state': on('runs list', '--state'),
  'runSummaries.filter.since': on('runs list', '--since'), 'runSummaries.filter.limit': on('runs list', '--limit'),
  'run.id': on('runs show', 'ID'), 'runSections.id': on('runs show', 'ID'),
  'accuracyImages.request.runId': on('runs show', 'ID'), 'accuracyImages.request.limit': on('runs show', '--worst'), 'accuracyImages.request.categoryId': on('runs show', '--class'),
  'compare.a': on('compare', 'A'), 'compare.b': on('compare', 'B'), 'compareRuns.ids': on('compare', 'C'),
  'exportReport.ids': on('report', 'RUN...'), 'exportReport.format': on('report', '--format'), 'exportReport.title': on('report', '--title'),
  'fleetReport.request.format': on('report', '--format'), 'fleetReport.request.model': on('report', '--model'), 'fleetReport.request.unit': on('report', '--unit'),
  'tradeoff.request.family': on('report', '--family'), 'tradeoff.request.format': on('report', '--format'),
  'verify.request.pinnedHead': on('runs verify', '--head'), 'verify.request.acceptHead': on('runs verify', '--accept-head'),
  'verify.request.allowedSigners': on('runs verify', '--allowed-signers'), 'verify.request.acceptUnrecorded': on('runs verify', '--accept-unrecorded'),
  'signHead.request.key': on('runs sign-head', '--key'),
  'bundleRuns.request.runs': on('runs bundle', 'RUN'), 'bundleRuns.request.all': on('runs bundle', '--all'), 'bundleRuns.request.since': on('runs bundle', '--since'),
  'bundleRuns.request.out': on('runs bundle', '--out'), 'bundleRuns.request.key': on('runs bundle', '--key'),
  'mergeBundles.request.bundles': on('runs merge', 'BUNDLE'), 'mergeBundles.request.allowedSigners': on('runs merge', '--allowed-signers'),
  'attest.itemId': on('ladder', 'ITEM'), 'attest.note': on('ladder', '--note'), 'attest.link': on('ladder', '--link'),
  'assess.answers': on('ladder', '--yes'),
  'explainProfile.runId': on('ladder', 'RUN'), 'explainProfile.note': on('ladder', '--note'), 'explainProfile.link': on('ladder', '--link'),
  'exportMlflow.request.ids': on('export mlflow', 'RUN...'), 'exportMlflow.request.trackingUri': on('export mlflow', '--tracking-uri'),
  'exportMlflow.request.experiment': on('export mlflow', '--experiment'), 'exportMlflow.request.all': on('export mlflow', '--all'),
  'exportDvc.request.dir': on('export dvc', 'DIR'), 'exportDvc.request.ids': on('export dvc', 'RUN...'),
  'runSuite.file': on('run', 'SUITE.yaml'),
  'newDecisionRecord.request.title': on('adr new', '"TITLE"'), 'newDecisionRecord.request.runIds': on('adr new', '--run'),
  'newDecisionRecord.request.status': on('adr new', '--status'), 'newDecisionRecord.request.context': on('adr new', '--context'),
  'newDecisionRecord.request.decision': on('adr new', '--decision'), 'newDecisionRecord.request.consequences': on('adr new', '--consequences'),
  'attest.date': on('ladder', '--date'),
  'exportLadder.request.format': on('ladder', '--format'), 'exportLadder.request.charts': on('ladder', '--no-charts'),
  'runSuite.options.check': on('run', '--check'), 'runSuite.options.report': on('run', '--report'),
  'runSuite.options.mlflow.trackingUri': on('run', '--mlflow'), 'runSuite.options.mlflow.experiment': on('run', '--experiment'),
  'startRun.options.save': on('bench', '--no-save'), 'startRun.options.wait': on('bench', '--no-wait'),
  'runSweep.options.save': on('sweep', '--no-save', 'bench'), 'runSweep.options.wait': on('sweep', '--no-wait', 'bench'),
  ...imports('importTrtexec', 'trtexec', { log: 'LOG', times: '--times', profile: '--profile', layerInfo: '--layer-info', model: '--model', label: '--label', statedHardware: '--hardware', targets: '--target', tags: '--tag' }),
  ...imports('importOrtProfile', 'ort-profile', { trace: 'TRACE.json', model: '--model', label: '--label', statedHardware: '--hardware', skipRuns: '--skip-runs', top: '--top', save: '--no-save' }),
  ...imports('importOpenvino', 'openvino', { log: 'LOG', report: '--report', counters: '--counters', execGraph: '--exec-graph', model: '--model', targets: '--target', tags: '--tag', label: '--label', statedHardware: '--hardware' }),
  ...imports('importDeepstream', 'deepstream', { log: 'LOG', targets: '--target', tags: '--tag', label: '--label', statedHardware: '--hardware' }),
  ...imports('importTegrastats', 'tegrastats', { log: 'LOG', runId: '--run', intervalMs: '--interval', label: '--label', statedHardware: '--hardware' }),
  ...Object.fromEntries(Object.entries({ annotations: '--annotations', predictions: '--predictions', iouType: '--iou-type', label: '--label', tags: '--tag' })
    .map(([field, flag]) => [`scoreCocoResults.request.${field}`, on('eval', flag)])),
  ...Object.fromEntries(Object.entries({ 'hardware.thisMachine': '--this-machine', 'hardware.kind': '--kind', 'hardware.runId': '--run', amount: 'AMOUNT', currency: '--currency', note: '--note' })
    .map(([field, flag]) => [`statePrice.request.${field}`, on('price set', flag)])),
  ...Object.fromEntries(['previewBrief', 'writeBrief'].flatMap((method) => Object.entries({ question: '--question', runIds: 'RUN...', rule: '--rule', adr: '--adr' })
    .map(([field, flag]) => [`${method}.request.${field}`, on('brief', flag)]))),
  'writeBrief.request.format': on('brief', '--format'), 'writeBrief.request.out': on('brief', '--out'),
  ...Object.fromEntries(Object.entries({ file: 'BRIEF', by: '--by', decision: '--decision', note: '--note' })
    .map(([field, flag]) => [`signOffBrief.request.${field}`, on('brief sign-off', flag)])),
  'ciWorkflow.request.engine': on('ci init', 'github|gitlab'), 'ciWorkflow.request.devices.label': on('ci init', '--devices'),
  'ciWorkflow.request.devices.powerMode': on('ci init', '--devices'), 'ciWorkflow.request.suite': on('ci init', '--suite'),
};

/** Fields no CLI flag sets, and why. */
export const CLI_EXCEPTIONS: Record<string, string> = {
  ...Object.fromEntries(['spinWait', 'cudaGraph', 'noDataTransfers'].map((k) => [`startOutputCheck.request.engine.${k}`,
    'a trtexec timing setting; an accuracy pass is untimed and reads outputs, which these do not change, so eval and the Accuracy pass form leave them out (a request over HTTP may set them)'])),
  'cancelRun.runId': 'the CLI cancels the run it is measuring with Ctrl-C',
  'modelGraph.request.path': 'the graph is a drawing, in the app only; the CLI prints the model as tables (inspect, profile)',
  'modelGraph.request.runId': 'as modelGraph.request.path: the profiled run drawn on the graph is an app view',
  'inferenceTrace.runId': 'one inference as a timeline is an app view; the CLI keeps the run\'s ONNX Runtime trace among its files (profile)',
  'inferenceTrace.inference': 'as inferenceTrace.runId',
  'startRun.spec.notes': 'notes are written in a suite file (edgelab run SUITE.yaml), not typed as a flag',
  'runSweep.spec.notes': 'as startRun.spec.notes',
  'startRun.spec.inputs.dir': 'test-data inputs of a timed run are given in a suite file (inputs: {kind: test-data, dir}); bench has no flag for them',
  'runSweep.spec.inputs.dir': 'as startRun.spec.inputs.dir',
  'startRun.spec.scenario.findMaxQps.tolerance': 'the search\'s tolerance is set in a suite file; bench keeps its default',
  'runSweep.spec.scenario.findMaxQps.tolerance': 'as startRun.spec.scenario.findMaxQps.tolerance',
  ...Object.fromEntries(['classes.file', 'classes.names', 'activation', 'columns', 'multiLabel', 'text.threshold', 'text.boxThreshold', 'text.unclipRatio', 'text.maxCandidates', 'text.minSize'].map((field) => [`startOutputCheck.request.decoder.${field}`,
    'a decoder setting kept at its stated default on the command line and in the form (the class names come from --classes); a request over HTTP or a suite may set it, and the record names it either way'])),
  'accuracyImages.request.offset': 'the terminal lists the worst N (--worst N); paging through the rest is the app\'s Images view',
  'accuracyImages.request.files': 'the app asks for the reference run\'s marks of the images on the variant\'s page; the CLI lists one run\'s worst',
  'accuracyImage.request.runId': 'image bytes are for looking at: the CLI names each image\'s file, which any viewer opens',
  'accuracyImage.request.file': 'as accuracyImage.request.runId',
};

/** Fields the app has no control for, and why: each is set by where the user is, not typed. */
export const APP_EXCEPTIONS: Record<string, string> = {
  ...Object.fromEntries(['spinWait', 'cudaGraph', 'noDataTransfers'].map((k) => [`startOutputCheck.request.engine.${k}`,
    'a trtexec timing setting; an accuracy pass is untimed and reads outputs, which these do not change, so eval and the Accuracy pass form leave them out (a request over HTTP may set them)'])),
  'cancelRun.runId': 'the Cancel button of a run in progress cancels that run; it appears only while one measures',
  'run.id': 'a run is opened by its link (History, Compare, the ladder) or its address #/results/ID, not by a form field',
  'runSections.id': 'as run.id: the Results screen shows the run it was opened on',
  'compare.a': 'the app compares through compareRuns (any number of runs, chosen in History)',
  'compare.b': 'as compare.a',
  'exportReport.ids': 'the report is of the runs on screen (Results: the run; Compare: the runs compared)',
  'explainProfile.runId': 'the explanation is attached to the profiled run whose Results it is written on',
  'exportMlflow.request.ids': 'the runs on screen, as exportReport.ids',
  'exportDvc.request.ids': 'the runs on screen, as exportReport.ids',
  'inferenceTrace.runId': 'the Trace screen shows the run it was opened on (#/trace/ID)',
  'modelGraph.request.runId': 'the Graph screen overlays the run it was opened on (#/graph/ID)',
  'runs.filter.model': 'History reads the whole list once and searches, filters and sorts it in the page',
  'runs.filter.tag': 'as runs.filter.model',
  'runs.filter.state': 'as runs.filter.model (its state filter works in the page)',
  'runs.filter.since': 'as runs.filter.model',
  'runs.filter.limit': 'as runs.filter.model: History pages through every run',
  'runSummaries.filter.model': 'the list `edgelab runs` prints; the app\'s History reads the whole list (runs) and filters it in the page',
  'runSummaries.filter.tags': 'as runSummaries.filter.model',
  'runSummaries.filter.state': 'as runSummaries.filter.model',
  'runSummaries.filter.since': 'as runSummaries.filter.model',
  'runSummaries.filter.limit': 'as runSummaries.filter.model',
  'startOutputCheck.request.save': 'the app keeps every check it makes, so that its Results can be opened again; only the CLI measures without recording',
  'startRun.spec.scenario.findMaxQps.tolerance': 'the search\'s tolerance is set in a suite file; the Run form, like bench, keeps its default',
  'startRun.spec.notes': 'notes are written in a suite file beside each entry; neither the Run form nor bench takes them',
  'startRun.options.save': 'the app records every run it makes, so that its Results can be opened again; only the CLI measures without recording (--no-save)',
  'startRun.options.wait': 'the app\'s runs always wait their turn for the machine in its queue; measuring beside another run (--no-wait) is a CLI choice',
  'runSweep.options.save': 'as startRun.options.save',
  'runSweep.options.wait': 'as startRun.options.wait',
  ...Object.fromEntries(['classes.file', 'classes.names', 'activation', 'columns', 'multiLabel', 'text.threshold', 'text.boxThreshold', 'text.unclipRatio', 'text.maxCandidates', 'text.minSize'].map((field) => [`startOutputCheck.request.decoder.${field}`,
    'a decoder setting kept at its stated default on the command line and in the form (the class names come from --classes); a request over HTTP or a suite may set it, and the record names it either way'])),
  'ciWorkflow.request.engine': 'a CI workflow is written into a repository checkout, beside the suite it runs, where the runners are registered from a shell; the app opens no repository (`edgelab ci init`)',
  'ciWorkflow.request.devices.label': 'as ciWorkflow.request.engine',
  'ciWorkflow.request.devices.powerMode': 'as ciWorkflow.request.engine',
  'ciWorkflow.request.suite': 'as ciWorkflow.request.engine',
  'accuracyImages.request.files': 'the Images view asks for the reference run\'s marks of the images on its page; which images is where the user is, not typed',
  'accuracyImage.request.runId': 'each image the Images view shows is read for it: the run on screen',
  'accuracyImage.request.file': 'as accuracyImage.request.runId: the image on screen',
};

/**
 * PENDING: fields whose app control is being added with issue 20, and the branch adding it. Each must leave
 * this list as its control lands: the test fails on an entry whose control now exists. The list
 * is empty when the issue is done.
 */
export const PENDING_APP: Record<string, string> = {};

/**
 * The sweep is started from the Run form, with the form's spec: a runSweep.spec field is held to
 * the control, exception or pending entry of its startRun.spec twin.
 */
export function runFormTwin(field: string): string {
  return field.startsWith('runSweep.spec.') ? field.replace('runSweep.spec.', 'startRun.spec.') : field;
}
