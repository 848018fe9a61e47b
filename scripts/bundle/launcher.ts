import type { BundleTarget } from './bundle-target.js';

/**
 * The `./edgelab` at the top of a bundle: runs the bundled Node on the bundled CLI, so the device
 * needs no Node, npm or registry. POSIX sh, because that is all a minimal device image has.
 * `readlink -f` follows a symlink (e.g. /usr/local/bin/edgelab → the bundle) back to the bundle.
 * EDGELAB_EMULATOR is put in front of node when set: it lets an x64 machine try an arm64 bundle
 * under qemu-user (`EDGELAB_EMULATOR=qemu-aarch64-static ./edgelab --help`).
 */
export function launcherScript(target: BundleTarget, edgelabVersion: string, nodeVersion: string, glibcFloor: string | null): string {
  // getconf is glibc's own; where it is missing (or this is not glibc) the loader has the last word.
  // Skipped under an emulator, whose libraries are not the host's.
  const glibcCheck = glibcFloor
    ? `need=${glibcFloor}
have=$(getconf GNU_LIBC_VERSION 2>/dev/null | sed -n 's/^glibc //p')
if [ -z "$EDGELAB_EMULATOR" ] && [ -n "$have" ] && awk -v h="$have" -v n="$need" 'BEGIN { split(h, a, "."); split(n, b, "."); exit !(a[1] < b[1] || (a[1] == b[1] && a[2] < b[2])) }'; then
  echo "edgelab: this bundle needs glibc $need or later (its Node.js, ONNX Runtime and libvips are built for it); this system has glibc $have." >&2
  echo "  On a Jetson that means JetPack 5 or later (JetPack 4 is Ubuntu 18.04 with glibc 2.27); elsewhere, a distribution from 2019 or later." >&2
  exit 3
fi
`
    : '';
  return `#!/bin/sh
# edgelab ${edgelabVersion} for ${target.name}, with Node.js ${nodeVersion} inside: nothing else to install.
# EDGELAB_EMULATOR, when set, runs node under it (e.g. qemu-aarch64-static on an x64 machine).
${glibcCheck}self=$(readlink -f -- "$0" 2>/dev/null || printf '%s' "$0")
here=$(CDPATH= cd -- "$(dirname -- "$self")" && pwd) || exit 3
exec $EDGELAB_EMULATOR "$here/node/bin/node" "$here/bin/edgelab.js" "$@"
`;
}

/** The bundle's package.json: what the CLI reads (name, version, type) without the build's scripts and dev tools. */
export function bundlePackageJson(pkg: Record<string, unknown>): Record<string, unknown> {
  const { scripts: _scripts, devDependencies: _dev, optionalDependencies: _optional, ...kept } = pkg;
  return kept;
}
