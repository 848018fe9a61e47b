import type { BundleTarget } from './bundle-target.js';

/**
 * Which files of a package the bundle keeps. Most packages are kept whole; a package that ships every
 * platform's native libraries in one tarball is cut down to the target's. onnxruntime-node carries
 * Linux, macOS and Windows builds for x64 and arm64 under bin/napi-v6/<os>/<cpu>/ (about 150 MB);
 * its loader (dist/binding.js) only ever opens the running platform's folder.
 */
export function keepPackageFile(packageName: string, relativePath: string, target: BundleTarget): boolean {
  if (packageName === 'onnxruntime-node') {
    const nativeRoot = 'bin/napi-v6/';
    if (relativePath.startsWith(nativeRoot)) {
      return relativePath.startsWith(`${nativeRoot}${target.os}/${target.cpu}/`);
    }
  }
  return true;
}

/**
 * The app's own files, relative to the repository root. dist/ is what `npm run build` wrote: the
 * compiled core and CLI, the generated-model writer (`edgelab demo` uses it) and the renderer bundle
 * for `edgelab serve`. Left out: this bundler, source maps (they point at TypeScript sources that are
 * not shipped) and the Electron shell (a device has no Electron; `serve` is its UI there).
 */
export function keepAppFile(relativePath: string): boolean {
  const p = relativePath.split('\\').join('/');
  if (p === 'package.json' || p === 'README.md' || p === 'LICENSE') return true;
  if (p.startsWith('bin/')) return p.endsWith('.js');
  if (!p.startsWith('dist/')) return false;
  if (p.startsWith('dist/scripts/') || p.startsWith('dist/electron/')) return false;
  return !p.endsWith('.map');
}
