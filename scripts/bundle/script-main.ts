import { ExitCode, exitCodeForError } from '../../core/api/exit-codes.js';
import { isLabError } from '../../core/api/errors.js';

/**
 * The bundle scripts' shell, as the CLI's main is for commands: --help, a LabError printed as its
 * message and hint with exit 2 (the caller's to fix) or 3 (the machine's), no stack trace; anything
 * else is a bug and keeps its trace.
 */
export async function runScript(name: string, usage: string, body: (argv: string[], log: (line: string) => void) => Promise<number>): Promise<never> {
  const argv = process.argv.slice(2);
  const log = (line: string): void => void process.stderr.write(line + '\n');
  let code: number;
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(usage);
    code = ExitCode.ok;
  } else {
    try {
      code = await body(argv, log);
    } catch (e) {
      if (isLabError(e)) {
        log(`${name}: ${e.describe()}`);
        code = exitCodeForError(e.kind);
      } else if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
        log(`${name}: ${(e as Error).message}\n\n${usage}`);
        code = ExitCode.usage;
      } else {
        throw e;
      }
    }
  }
  process.exit(code);
}
