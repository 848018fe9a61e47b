import type { BundleTarget } from './bundle-target.js';

/**
 * The `./edgelab` at the top of a bundle: runs the bundled Node on the bundled CLI, so the device
 * needs no Node, npm or registry. POSIX sh, because that is all a minimal device image has.
 * `readlink -f` follows a symlink (e.g. /usr/local/bin/edgelab → the bundle) back to the bundle.
 * EDGELAB_EMULATOR is put in front of node when set: it lets an x64 machine try an arm64 bundle
 * under qemu-user (`EDGELAB_EMULATOR=qemu-aarch64-static ./edgelab --help`).
 */
export function launcherScript(target: BundleTarget, edgelabVersion: string, nodeVersion: string): string {
  return `#!/bin/sh
# edgelab ${edgelabVersion} for ${target.name}, with Node.js ${nodeVersion} inside: nothing else to install.
# EDGELAB_EMULATOR, when set, runs node under it (e.g. qemu-aarch64-static on an x64 machine).
self=$(readlink -f -- "$0" 2>/dev/null || printf '%s' "$0")
here=$(CDPATH= cd -- "$(dirname -- "$self")" && pwd) || exit 3
exec $EDGELAB_EMULATOR "$here/node/bin/node" "$here/bin/edgelab.js" "$@"
`;
}

/** The bundle's package.json: what the CLI reads (name, version, type) without the build's scripts and dev tools. */
export function bundlePackageJson(pkg: Record<string, unknown>): Record<string, unknown> {
  const { scripts: _scripts, devDependencies: _dev, optionalDependencies: _optional, ...kept } = pkg;
  return kept;
}
