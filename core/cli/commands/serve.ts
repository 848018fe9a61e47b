import path from 'node:path';
import { ExitCode } from '../../api/exit-codes.js';
import { packageRoot } from '../../package-root.js';
import { startLabServer } from '../../server/lab-server.js';
import { openInBrowser } from '../../server/open-browser.js';
import { parseFlags, wholeNumber } from '../args.js';
import { openCliLab } from '../open-cli-lab.js';
import type { CommandContext } from '../context.js';
import { workspaceHelp, workspaceOption } from '../workspace-flag.js';

export const DEFAULT_SERVE_PORT = 8765;

export const serveHelp = `Usage: edgelab serve [flags]

Serves the lab in a browser: the UI, its API over HTTP and run progress as server-sent events.
Each run is measured in a separate runner process; the server keeps the evidence.

  --port N                port to listen on (default ${DEFAULT_SERVE_PORT}; 0 picks a free one)
  --host ADDRESS          address to bind (default 127.0.0.1: this machine only). To use a headless
                          machine from a laptop, keep the default and forward the port over SSH:
                          ssh -L ${DEFAULT_SERVE_PORT}:127.0.0.1:${DEFAULT_SERVE_PORT} jetson
  --open                  open the URL in the default browser
${workspaceHelp.trimEnd()}

The printed URL carries a random access token (as Jupyter's does); opening it stores the token in a
cookie for this port. Requests without it, or naming another Host, are refused. Ctrl-C stops.
`;

const options = {
  port: { type: 'string' },
  host: { type: 'string' },
  open: { type: 'boolean' },
  ...workspaceOption,
  help: { type: 'boolean', short: 'h' },
} as const;

export async function serveCommand(argv: string[], ctx: CommandContext): Promise<number> {
  const { values: v } = parseFlags('serve', argv, options, false);
  if (v.help) {
    ctx.stdout.write(serveHelp);
    return ExitCode.ok;
  }
  const port = v.port === undefined ? DEFAULT_SERVE_PORT : wholeNumber('--port', v.port);
  const host = v.host ?? '127.0.0.1';
  // Each run is measured in a forked runner process: a crash there never takes the server down.
  const lab = await openCliLab(ctx, { workspace: v.workspace, command: 'edgelab serve', runner: 'child-process' });
  const { workspace } = lab;
  const server = await startLabServer({ lab, port, host, rendererDir: path.join(packageRoot(), 'dist', 'renderer') });

  ctx.stdout.write(`edgelab serve: evidence workspace ${workspace.dir}\n`);
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    ctx.stdout.write(`Listening on ${host}: anyone who can reach this address and has the token can run models here.\n`);
  }
  ctx.stdout.write(`Open ${server.url}\nPress Ctrl-C to stop.\n`);
  if (v.open && !(await openInBrowser(server.url))) {
    ctx.stdout.write('No default browser could be started here; open the URL above yourself.\n');
  }

  await new Promise<void>((resolve) => {
    if (ctx.signal.aborted) return resolve();
    ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    process.once('SIGTERM', () => resolve());
  });
  ctx.stdout.write('Stopping: runs in progress are recorded as cancelled.\n');
  await lab.close();
  await server.close();
  return ExitCode.ok;
}
