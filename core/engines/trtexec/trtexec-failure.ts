import { LabError, type ErrorInfo } from '../../api/errors.js';
import type { TrtexecExit } from './spawn-trtexec.js';
import type { TrtexecLog } from './trtexec-log.js';

/** A failed or crashed trtexec as a failed run's error, quoting the lines that say why. */
export function trtexecFailure(exit: Pick<TrtexecExit, 'code' | 'signal'>, log: TrtexecLog, logName: string): ErrorInfo | null {
  if (exit.code === 0 && log.outcome === 'passed') return null;
  const how = exit.signal ? `was ended by ${exit.signal}` : log.outcome === 'failed' ? `reported &&&& FAILED (exit code ${exit.code})` : `ended without finishing (exit code ${exit.code}, no &&&& PASSED line)`;
  const quoted = log.decisiveLines.length > 0 ? `\n${log.decisiveLines.map((l) => `  > ${l}`).join('\n')}` : '';
  return {
    kind: 'runtime',
    message: `trtexec ${how}.${quoted}`,
    hint: `Its whole log is kept beside the run record as ${logName}. A parse error or an unsupported layer is the model's (check the opset and the ops TensorRT ${log.tensorrtVersion ?? ''} supports); an assertion or a signal during the build is TensorRT's (try another precision or a newer release).`,
  };
}

/**
 * `trtexec --help` that did not run is said as what it is, with what the program printed: a
 * trtexec whose TensorRT libraries the loader cannot find exits 127 before printing any help, and a
 * path to the wrong program (`/bin/false`) exits 1 with nothing at all. Reading flags from such
 * output would blame a missing --exportTimes on "TensorRT of unknown version".
 */
export function helpFailure(executable: string, help: Pick<TrtexecExit, 'code' | 'signal' | 'output' | 'stderr' | 'timedOut'>): LabError | null {
  const looksLikeTrtexec = /TensorRT\.trtexec|--onnx\b|--loadEngine\b/.test(help.output);
  if (looksLikeTrtexec && !help.timedOut) return null;
  const said = help.stderr.trim() || help.output.trim();
  const quoted = said === '' ? ' and printed nothing.' : `:\n${said.split('\n').filter((l) => l.trim() !== '').slice(-5).map((l) => `  > ${l}`).join('\n')}`;
  const how = help.timedOut ? `did not answer within ${HELP_TIMEOUT_MS / 1000} s` : help.signal ? `was ended by ${help.signal}` : `exited with code ${help.code}`;
  const libraries = /error while loading shared libraries|cannot open shared object file/.test(said);
  return new LabError(
    'unavailable',
    `${executable} did not run: \`trtexec --help\` ${how}${quoted}`,
    libraries
      ? 'The loader cannot find TensorRT\'s libraries (libnvinfer). Add the folder that holds them to LD_LIBRARY_PATH (on a Jetson, JetPack installs them in /usr/lib/aarch64-linux-gnu; a TensorRT tar has them in its lib/ folder), or run `ldd ' + executable + '` to see which one is missing.'
      : help.code === 127
        ? 'Exit code 127 means a program it calls was not found (a wrapper script whose target is missing). Check the path passed with --trtexec, or the script it names.'
        : 'This is not a working trtexec. Pass --trtexec the trtexec that comes with TensorRT (on a Jetson /usr/src/tensorrt/bin/trtexec), and check that it runs: `trtexec --help`.',
  );
}

/** `--help` answers at once; one that hangs is not a trtexec to measure with. */
export const HELP_TIMEOUT_MS = 30_000;
