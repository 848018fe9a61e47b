/**
 * Where the app can measure: onnxruntime-node 1.30 ships its native binding for these platforms
 * and CPUs only (node_modules/onnxruntime-node/bin/napi-v6/<platform>/<arch>). Intel macOS is not
 * among them, so no installer is built for it and the app says so rather than failing every run.
 */
export const ORT_NATIVE_TARGETS: readonly string[] = ['darwin/arm64', 'linux/arm64', 'linux/x64', 'win32/arm64', 'win32/x64'];

export function unsupportedPlatformReason(platform: string, arch: string): string | null {
  if (ORT_NATIVE_TARGETS.includes(`${platform}/${arch}`)) return null;
  const name = platform === 'darwin' && arch === 'x64' ? 'Intel macOS (darwin/x64)' : `${platform}/${arch}`;
  return `ONNX Runtime for Node publishes no native build for ${name}, so edgelab cannot measure here. It runs on Apple silicon macOS, Linux and Windows (x64 and arm64). On an Apple silicon Mac, start the arm64 build rather than an x64 one under Rosetta.`;
}
