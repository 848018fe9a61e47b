/** What a command needs from its process; tests pass their own streams and signal. */
export interface CommandContext {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WriteStream;
  signal: AbortSignal;
  env: NodeJS.ProcessEnv;
}

/** One `edgelab` command: its arguments after the command's name in, its exit code out. */
export type Command = (argv: string[], ctx: CommandContext) => Promise<number>;
