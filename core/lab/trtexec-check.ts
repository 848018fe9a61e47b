import { isLabError } from '../api/errors.js';
import { parseTrtexecHelp } from '../engines/trtexec/trtexec-flags.js';
import { tensorrtVersion } from '../telemetry/trtexec.js';
import type { CheckLine } from './check-line.js';

/** What the trtexec line uses, so a test can replay a recorded `trtexec --help` where there is no TensorRT. */
export interface TrtexecProbe {
  /** The trtexec the engine would run (core/engines/trtexec/locate-trtexec.ts); throws when there is none. */
  locate(): Promise<string>;
  /** `trtexec --help`, run to the end. */
  help(executable: string): Promise<{ code: number | null; signal: string | null; output: string }>;
}

/** The flags `--engine trtexec` cannot do without (core/engines/trtexec/trtexec-flags.ts). */
const NEEDED_FLAGS = ['onnx', 'saveEngine', 'loadEngine', 'exportTimes', 'exportProfile'];

/**
 * Whether `--engine trtexec`, the way to a Jetson's GPU and DLA, can run here: found where the
 * engine looks, and answering `--help` with its TensorRT release and the flags the engine passes.
 * Not found is `skip` (a machine without TensorRT); found but broken is `fail`.
 */
export async function trtexecCheckLine(probe: TrtexecProbe): Promise<CheckLine> {
  let executable: string;
  try {
    executable = await probe.locate();
  } catch (e) {
    if (!isLabError(e)) throw e;
    return { status: 'skip', item: 'trtexec', detail: `${e.message} --engine trtexec (TensorRT: a Jetson's GPU and DLA) cannot run here.` };
  }
  let help: Awaited<ReturnType<TrtexecProbe['help']>>;
  try {
    help = await probe.help(executable);
  } catch (e) {
    return { status: 'fail', item: 'trtexec', detail: `${executable} is there but does not start: ${(e as Error).message}` };
  }
  const tail = help.output.trim().split('\n').slice(-3).join(' | ');
  if (help.code !== 0) {
    const how = help.signal ? `was ended by ${help.signal}` : `exited with code ${help.code}`;
    return { status: 'fail', item: 'trtexec', detail: `${executable} --help ${how}${tail ? `: ${tail}` : ''}. A trtexec that cannot load its libraries (libnvinfer, CUDA) fails so; check LD_LIBRARY_PATH.` };
  }
  const caps = parseTrtexecHelp(help.output, tensorrtVersion);
  const missing = NEEDED_FLAGS.filter((f) => !caps.flags.has(f));
  if (caps.tensorrtVersion === null) {
    return { status: 'fail', item: 'trtexec', detail: `${executable} --help printed no "&&&& … TensorRT.trtexec [TensorRT vN]" line: not a trtexec edgelab can read.` };
  }
  if (missing.length > 0) {
    return { status: 'warn', item: 'trtexec', detail: `${executable}, TensorRT ${caps.tensorrtVersion}: --help lists no ${missing.map((f) => `--${f}`).join(', ')}, which --engine trtexec passes.` };
  }
  return { status: 'ok', item: 'trtexec', detail: `${executable}, TensorRT ${caps.tensorrtVersion}: --help runs and lists every flag --engine trtexec passes` };
}
