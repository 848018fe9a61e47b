/**
 * The native packages an installer for one platform and CPU must carry. ONNX Runtime ships every
 * platform's binding in the one onnxruntime-node package; sharp has one package per platform and
 * CPU (@img/sharp-<platform>-<arch>, with libvips beside it on Linux and macOS), and npm installs
 * only the current machine's. An arm64 installer built on an x64 machine would otherwise carry
 * x64 sharp and fail its first image run.
 */
export function nativePackagesFor(platform: string, arch: string): string[] {
  const sharp = `@img/sharp-${platform}-${arch}`;
  return platform === 'win32' ? [sharp] : [sharp, `@img/sharp-libvips-${platform}-${arch}`];
}

export function missingNativePackagesReason(platform: string, arch: string, installed: (packageName: string) => boolean): string | null {
  const missing = nativePackagesFor(platform, arch).filter((name) => !installed(name));
  if (missing.length === 0) return null;
  const libc = platform === 'linux' ? ' --libc=glibc' : '';
  return (
    `The ${platform}/${arch} installer would lack ${missing.join(' and ')} (sharp's native code for that platform), so image runs would fail in it. ` +
    `Build it on a ${platform}/${arch} machine, or add that platform's packages first: npm install --no-save --os=${platform} --cpu=${arch}${libc} sharp`
  );
}
