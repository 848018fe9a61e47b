import { ExitCode, exitCodeForError } from '../api/exit-codes.js';
import { edgelabVersion } from '../package-root.js';
import { commands, usage } from './commands/index.js';
import type { CommandContext } from './context.js';
import { asLabError, debugDetail } from './error-boundary.js';
import { checkCommandLineLength } from './text-flags.js';
import { visibleOutput } from './visible-output.js';

/** How long a SIGTERMed command has to end its children and save its record before the process exits. */
const SIGTERM_GRACE_MS = 10_000;

/**
 * `edgelab COMMAND …` → exit code. Thin: each command parses its flags into a request and calls the
 * same core function the app and the server call (hyperfine's main.rs, vitest's cli.ts).
 */
export async function main(argv: string[], ctx?: Partial<CommandContext>): Promise<number> {
  const controller = new AbortController();
  const context: CommandContext = {
    stdout: visibleOutput(ctx?.stdout ?? process.stdout),
    stderr: visibleOutput(ctx?.stderr ?? process.stderr),
    signal: ctx?.signal ?? controller.signal,
    env: ctx?.env ?? process.env,
  };
  // First Ctrl-C cancels the run cleanly (the record says 'cancelled'); a second one exits at once.
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(ExitCode.cancelled);
    controller.abort();
  };
  // SIGTERM (a CI job's timeout, `kill`, systemd) cancels the same way, so a child such as trtexec is
  // ended with the run and a cancelled record is written; a command that does not watch the signal
  // still exits, after a grace period long enough for a run to end its children and save.
  const onSigterm = () => {
    if (controller.signal.aborted) process.exit(ExitCode.cancelled);
    controller.abort();
    setTimeout(() => process.exit(ExitCode.cancelled), SIGTERM_GRACE_MS).unref();
  };
  if (!ctx?.signal) {
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
  }
  const [name, ...rest] = argv;
  try {
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      context.stdout.write(usage);
      return name ? ExitCode.ok : ExitCode.usage;
    }
    if (name === '--version' || name === '-v') {
      context.stdout.write(`edgelab ${edgelabVersion()}\n`);
      return ExitCode.ok;
    }
    checkCommandLineLength(argv);
    const load = commands[name];
    if (!load) {
      context.stderr.write(`edgelab: unknown command '${name}'.\n  Commands: ${Object.keys(commands).join(', ')}. See \`edgelab --help\`.\n`);
      return ExitCode.usage;
    }
    const command = await load();
    return await command(rest, context);
  } catch (e) {
    const error = asLabError(e, name && commands[name] ? name : undefined);
    context.stderr.write(`edgelab: ${error.describe()}\n${debugDetail(e, context.env)}`);
    return exitCodeForError(error.kind);
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
  }
}
