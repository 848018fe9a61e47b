import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { LabError } from '../../api/errors.js';
import type { ModelInfo } from '../../api/model-info.js';
import { DEFAULT_TRTEXEC_TIMEOUT_S, type TrtexecEngineSpec } from '../../api/run-spec.js';
import { tensorrtVersion } from '../../telemetry/trtexec.js';
import { readExportOutput, splitOutputsPerImage, type OutputTensors } from './export-output.js';
import { checkInt8Accuracy } from './int8-calibration.js';
import { loadInputsFlag, writeLoadInputsFile, type EngineInputType } from './load-inputs.js';
import { locateTrtexec } from './locate-trtexec.js';
import { runTrtexec } from './spawn-trtexec.js';
import { HELP_TIMEOUT_MS, helpFailure, trtexecFailure } from './trtexec-failure.js';
import { parseTrtexecHelp, shapesFlag, type TrtexecCapabilities } from './trtexec-flags.js';
import { parseTrtexecLog } from './trtexec-log.js';
import { accuracyBuildArgs, accuracyInferArgs } from './trtexec-accuracy-flags.js';

export interface TrtexecAccuracyPlan {
  engine: TrtexecEngineSpec;
  model: string;
  modelInfo: Pick<ModelInfo, 'opHistogram'> & Partial<Pick<ModelInfo, 'outputs'>>;
  /** The image input: its name, the engine's input type, and one image's dims with dim 0 the batch (1). */
  input: { name: string; type: EngineInputType; imageDims: number[] };
  /** Whether dim 0 is symbolic, so the engine can take several images per call. */
  dynamicBatch: boolean;
  /** Images per trtexec call when the batch is dynamic (the profile's max); 1 otherwise. */
  maxBatch: number;
  /** Scratch folder for the engine, the input files and the exported outputs. */
  workDir: string;
  signal?: AbortSignal;
}

/** What an accuracy pass needs of an engine: the outputs for each preprocessed image, in order. */
export interface AccuracyOutputs {
  outputsFor(images: readonly ArrayLike<number>[]): Promise<OutputTensors[]>;
  /** Images per call the engine was built for. */
  readonly batch: number;
  /** The release trtexec stated in its --help, when it did. */
  readonly tensorrtVersion: string | null;
  /** Every trtexec command line run, for the record. */
  readonly commands: string[][];
  close(): Promise<void>;
}

/**
 * trtexec as an accuracy engine: the engine is built once (--saveEngine), then each batch of
 * preprocessed images is written as a --loadInputs file, run once (--loadEngine, one iteration, no
 * warm-up) and read back from --exportOutput, split per image. Nothing here is timed: latency
 * comes from a separate timed pass of the same spec.
 */
export async function openTrtexecAccuracy(plan: TrtexecAccuracyPlan): Promise<AccuracyOutputs> {
  checkInt8Accuracy(plan.engine, plan.model, plan.modelInfo);
  await mkdir(plan.workDir, { recursive: true });
  const executable = await locateTrtexec(plan.engine.trtexecPath);
  const timeoutMs = (plan.engine.timeoutS ?? DEFAULT_TRTEXEC_TIMEOUT_S) * 1000;
  const signal = plan.signal ? { signal: plan.signal } : {};
  const help = await runTrtexec(executable, ['--help'], { cwd: plan.workDir, timeoutMs: HELP_TIMEOUT_MS, ...signal });
  const notRunning = helpFailure(executable, help);
  if (notRunning) throw notRunning;
  const caps: TrtexecCapabilities = parseTrtexecHelp(help.output, tensorrtVersion);
  const batch = plan.dynamicBatch ? Math.max(1, plan.maxBatch) : Math.max(1, plan.input.imageDims[0] ?? 1);
  const enginePath = path.join(plan.workDir, 'accuracy-engine.plan');
  const commands: string[][] = [];

  const run = async (args: string[], log: string): Promise<void> => {
    commands.push(args);
    const exit = await runTrtexec(executable, args, { cwd: plan.workDir, logPath: path.join(plan.workDir, log), timeoutMs, ...signal });
    if (exit.cancelled) throw new LabError('runtime', 'Cancelled while trtexec ran the accuracy pass.');
    if (exit.timedOut) throw new LabError('runtime', `trtexec (${log}) did not finish within ${timeoutMs / 1000} s and was stopped.`, 'Give it longer with --trtexec-timeout.');
    const failure = trtexecFailure(exit, parseTrtexecLog(exit.output), log);
    if (failure) throw new LabError('runtime', failure.message, failure.hint);
  };

  const perImage = plan.input.imageDims.slice(1);
  await run(accuracyBuildArgs(plan.engine, caps, { model: path.resolve(plan.model), enginePath, input: plan.input.name, perImage, maxBatch: plan.dynamicBatch ? batch : null }), 'trtexec-accuracy-build.log');
  let call = 0;
  return {
    batch,
    tensorrtVersion: caps.tensorrtVersion,
    commands,
    async outputsFor(images) {
      const all: OutputTensors[] = [];
      const size = perImage.reduce((a, d) => a * d, 1);
      for (let at = 0; at < images.length; at += batch) {
        const chunk = images.slice(at, at + batch);
        // A fixed-batch engine takes exactly its batch: the last, short one is padded with its
        // last image, whose extra outputs are dropped.
        const fed = plan.dynamicBatch ? chunk : [...chunk, ...Array.from({ length: batch - chunk.length }, () => chunk[chunk.length - 1]!)];
        const n = call++;
        const inputFile = path.join(plan.workDir, `input-${n}.bin`);
        const outputFile = path.join(plan.workDir, `outputs-${n}.json`);
        await writeLoadInputsFile(inputFile, plan.input.type, fed, size);
        const shapes = plan.dynamicBatch ? shapesFlag({ [plan.input.name]: [fed.length, ...perImage] }) : null;
        await run(accuracyInferArgs(caps, { enginePath, loadInputs: loadInputsFlag({ [plan.input.name]: inputFile }), exportOutput: outputFile, shapes, dlaCore: plan.engine.dlaCore }), `trtexec-accuracy-${n}.log`);
        const exported = await readExportOutput(outputFile);
        // The JSON has no element types; the model's say which outputs are integers (EfficientNMS's labels).
        for (const o of plan.modelInfo.outputs ?? []) if (exported[o.name]) exported[o.name]!.dtype = o.dtype;
        const split = splitOutputsPerImage(exported, fed.length);
        all.push(...split.slice(0, chunk.length));
        // Outputs of a batch can be hundreds of MB of text: each goes once read.
        await rm(outputFile, { force: true });
        await rm(inputFile, { force: true });
      }
      return all;
    },
    async close() {
      await rm(enginePath, { force: true });
    },
  };
}
