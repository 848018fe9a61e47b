import { ExitCode } from '../../api/exit-codes.js';
import { LabError } from '../../api/errors.js';
import type { LabApi } from '../../api/lab-api.js';
import { bundleLines, mergeLines } from '../../present/bundle-text.js';
import type { CommandContext } from '../context.js';
import { runsRequest } from './runs-verify.js';

interface BundleFlags {
  out?: string | undefined;
  all?: boolean | undefined;
  since?: string | undefined;
  key?: string | undefined;
  'allowed-signers'?: string | undefined;
  json?: boolean | undefined;
}

/** `edgelab runs bundle [RUN…|--all|--since HEAD] --out FILE [--key FILE]`. */
export async function bundleCommand(lab: Pick<LabApi, 'bundleRuns'>, runs: string[], v: BundleFlags, ctx: CommandContext): Promise<number> {
  if (v.out === undefined) throw new LabError('usage', 'edgelab runs bundle: --out FILE is required.', 'e.g. `edgelab runs bundle --all --out lab.bundle.tar`.');
  const request = runsRequest('bundleRuns', {
    request: { runs, ...(v.all ? { all: true } : {}), ...(v.since !== undefined ? { since: v.since } : {}), out: v.out, ...(v.key !== undefined ? { key: v.key } : {}) },
  }).request;
  const answer = await lab.bundleRuns(request);
  ctx.stdout.write(v.json ? `${JSON.stringify(answer, null, 2)}\n` : `${bundleLines(answer).join('\n')}\n`);
  return ExitCode.ok;
}

/** `edgelab runs merge BUNDLE… [--allowed-signers FILE]`. */
export async function mergeCommand(lab: Pick<LabApi, 'mergeBundles'>, bundles: string[], v: BundleFlags, ctx: CommandContext): Promise<number> {
  if (bundles.length === 0) throw new LabError('usage', 'edgelab runs merge: name at least one bundle file.', 'e.g. `edgelab runs merge orin-1.bundle.tar orin-2.bundle.tar`.');
  const request = runsRequest('mergeBundles', { request: { bundles, ...(v['allowed-signers'] !== undefined ? { allowedSigners: v['allowed-signers'] } : {}) } }).request;
  const answer = await lab.mergeBundles(request);
  ctx.stdout.write(v.json ? `${JSON.stringify(answer, null, 2)}\n` : `${mergeLines(answer).join('\n')}\n`);
  return ExitCode.ok;
}
