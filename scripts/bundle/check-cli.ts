/**
 * `npm run check:bundle -- --platform linux-arm64|linux-x64 [--archive FILE] [--model FILE]...`
 *
 * Unpacks a bundle written by `npm run bundle` and runs it as a device would. An arm64 bundle on an
 * x64 machine runs under qemu-user (qemu-aarch64-static; the aarch64 glibc it links against is
 * fetched from Debian's cross packages into the cache), as far as qemu 7.2 goes: it crashes loading
 * ONNX Runtime's arm64 library, so there the check covers --help, inspect and sharp, not bench.
 */
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ExitCode } from '../../core/api/exit-codes.js';
import { LabError } from '../../core/api/errors.js';
import { packageRoot } from '../../core/package-root.js';
import { generateModel } from '../../models/generate.js';
import { parseBundleTarget } from './bundle-target.js';
import { checkBundle } from './check-bundle.js';
import { runScript } from './script-main.js';

const usage = `Usage: npm run check:bundle -- --platform linux-arm64|linux-x64 [flags]

Unpacks release/edgelab-VERSION-PLATFORM.tar.gz into a temporary folder and checks it: only that
platform's native binaries inside, no development packages, ./edgelab --help and inspect answer,
sharp decodes an image; on a machine of the bundle's CPU also a short bench and runs verify.
An arm64 bundle on x64 runs under qemu-aarch64-static (apt-get install qemu-user-static).

  --platform P    linux-arm64 or linux-x64
  --archive FILE  the bundle (default: release/edgelab-VERSION-PLATFORM.tar.gz)
  --model FILE    also inspect (and, natively, bench) this model; repeatable
  --cache DIR     where the aarch64 sysroot for qemu is kept (default: .bundle-cache/)

Exit codes: 0 every check passed, 1 a check failed, 2 bad input, 3 this machine cannot run the check.
`;

await runScript('edgelab check:bundle', usage, async (argv, log) => {
  const { values } = parseArgs({
    args: argv,
    options: { platform: { type: 'string' }, archive: { type: 'string' }, model: { type: 'string', multiple: true }, cache: { type: 'string' } },
    strict: true,
  });
  const target = parseBundleTarget(values.platform);
  const root = packageRoot();
  const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const archive = path.resolve(values.archive ?? path.join(root, 'release', `edgelab-${version}-${target.name}.tar.gz`));
  const models = (values.model ?? []).map((m) => path.resolve(m));
  for (const file of [archive, ...models]) {
    try {
      await stat(file);
    } catch {
      throw new LabError('input', `${file} does not exist`, file === archive ? `Write it first: npm run bundle -- --platform ${target.name}` : 'Pass an existing .onnx file to --model.');
    }
  }
  // A generated model first, so the check needs nothing outside the repository.
  const generated = await generateModel('tiny-classifier', await mkdtemp(path.join(tmpdir(), 'edgelab-bundle-models-')));
  const result = await checkBundle({ archive, target, models: [generated, ...models], cacheDir: path.resolve(values.cache ?? path.join(root, '.bundle-cache')), log });
  const failed = result.steps.filter((s) => !s.ok).length;
  log(failed === 0 ? `${path.basename(archive)}: all ${result.steps.length} checks passed${result.emulated ? ' (under emulation; bench needs the device)' : ''}` : `${path.basename(archive)}: ${failed} of ${result.steps.length} checks failed`);
  return failed === 0 ? ExitCode.ok : ExitCode.targetFailed;
});
