import { LabError } from '../api/errors.js';
import { TEXT_LIMITS, tooLongMessage, type TextKind } from '../api/text-limits.js';

/** Flags whose text is of its own kind; any other flag's value is a 'value', and a positional a path. */
const flagKinds: Record<string, TextKind> = {
  label: 'label', tag: 'tag', target: 'target', hardware: 'statedHardware', notes: 'notes',
  note: 'prose', context: 'prose', decision: 'prose', consequences: 'prose',
  question: 'prose', by: 'label', kind: 'label',
};

/**
 * Every string a command was given: not empty, and held to its kind's limit, before anything is
 * opened or run, with the flag named. The request schemas hold the app and the server to the same.
 */
export function checkTextFlags(command: string, values: Record<string, unknown>, positionals: readonly string[]): void {
  for (const [flag, value] of Object.entries(values)) {
    const kind = flagKinds[flag] ?? 'value';
    for (const v of Array.isArray(value) ? value : [value]) {
      // An empty value is never what was meant (`--workspace ''` would fall back to the default
      // workspace, `--target ''` would gate nothing): refused, not read as "not given".
      if (typeof v === 'string' && v.trim() === '') {
        throw new LabError('usage', `edgelab ${command} --${flag}: the value is empty.`, `Give --${flag} a value, or leave the flag out; \`edgelab ${command} --help\` says what it takes.`);
      }
      if (typeof v === 'string' && v.length > TEXT_LIMITS[kind]) {
        throw new LabError('usage', `edgelab ${command} --${flag}: ${tooLongMessage(kind, v.length)}.`, `Shorten it; \`edgelab ${command} --help\` says what the flag takes.`);
      }
    }
  }
  for (const p of positionals) {
    if (p.trim() === '') throw new LabError('usage', `edgelab ${command}: an empty argument ('').`, `See \`edgelab ${command} --help\` for the arguments it takes.`);
    if (p.length > TEXT_LIMITS.path) {
      throw new LabError('usage', `edgelab ${command}: an argument of ${p.length} characters starting '${p.slice(0, 20)}…': ${tooLongMessage('path', p.length)}.`, `See \`edgelab ${command} --help\` for the arguments it takes.`);
    }
  }
}

/**
 * ONNX Runtime 1.30 on Linux reads the process's whole command line (/proc/self/cmdline) when it
 * creates its environment and walks it recursively, three stack frames a byte: past about 29,000
 * bytes it overflows the 8 MiB main stack and the process dies with SIGSEGV, whatever the text was.
 * No edgelab string reaches ONNX Runtime; the length of the command line alone decides. Refused
 * here, with room for the node and script paths, before anything loads ONNX Runtime.
 */
export const MAX_COMMAND_LINE_BYTES = 16 * 1024;

export function checkCommandLineLength(argv: readonly string[]): void {
  const bytes = argv.reduce((sum, a) => sum + Buffer.byteLength(a) + 1, 0);
  if (bytes > MAX_COMMAND_LINE_BYTES) {
    throw new LabError('usage', `the command line is ${bytes} bytes; edgelab takes at most ${MAX_COMMAND_LINE_BYTES} (ONNX Runtime reads the whole command line when it starts, and crashes on one much longer).`,
      'Put long lists in files: --images takes a folder or a text file of paths, and a suite file (edgelab run SUITE.yaml) holds runs with their labels, tags and targets.');
  }
}
