/**
 * `npm run bundle -- --platform linux-arm64|linux-x64 [--node 24.x.y] [--out DIR] [--cache DIR]`
 *
 * One .tar.gz for a device that cannot reach a registry: unpack it there and run `./edgelab …`.
 * Compiled by `npm run build` like the benchmarks, so it shares the core's errors and exit codes.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ExitCode } from '../../core/api/exit-codes.js';
import { LabError } from '../../core/api/errors.js';
import { packageRoot } from '../../core/package-root.js';
import { buildBundle } from './bundle.js';
import { parseBundleTarget, parseNodeVersion } from './bundle-target.js';
import { runScript } from './script-main.js';

const usage = `Usage: npm run bundle -- --platform linux-arm64|linux-x64 [flags]

Writes release/edgelab-VERSION-PLATFORM.tar.gz: Node.js 24, the built app and its production
dependencies for that platform only. On the device: tar -xzf it, then ./edgelab-VERSION-PLATFORM/edgelab --help

  --platform P   linux-arm64 (Jetson, 64-bit ARM boards) or linux-x64
  --node V       the Node 24 version to bundle (default: the Node running this, when it is 24)
  --out DIR      where the archive goes (default: release/)
  --cache DIR    registry tarballs kept between bundles (default: .bundle-cache/)
`;

await runScript('edgelab bundle', usage, async (argv, log) => {
  const { values } = parseArgs({
    args: argv,
    options: { platform: { type: 'string' }, node: { type: 'string' }, out: { type: 'string' }, cache: { type: 'string' } },
    strict: true,
  });
  const target = parseBundleTarget(values.platform);
  const running = process.versions.node;
  if (values.node === undefined && !running.startsWith('24.')) {
    throw new LabError('usage', `this is Node ${running}; the bundle carries Node 24`, 'Pass the version to bundle, e.g. --node 24.21.0, or run with Node 24.');
  }
  const nodeVersion = parseNodeVersion(values.node ?? running);
  const root = packageRoot();
  const result = await buildBundle({
    target,
    nodeVersion,
    root,
    outDir: path.resolve(values.out ?? path.join(root, 'release')),
    cacheDir: path.resolve(values.cache ?? path.join(root, '.bundle-cache')),
    log,
  });
  log(`${result.archive}: ${(result.bytes / 2 ** 20).toFixed(1)} MiB, ${result.manifest.packages.length} packages, Node ${nodeVersion}, needs glibc ${result.manifest.glibc ?? '(any)'}`);
  for (const f of result.manifest.nativeFiles) log(`  native: ${f.path} (${f.kind})`);
  log(`On the device: tar -xzf ${path.basename(result.archive)} && ./${result.folderName}/edgelab --help`);
  return ExitCode.ok;
});
