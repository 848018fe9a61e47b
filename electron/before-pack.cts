/**
 * electron-builder's beforePack hook (electron-builder.yml): refuses to pack an installer whose
 * native packages are for another platform or CPU. CommonJS, as electron-builder loads hooks with
 * require(); the decision itself is native-packages.ts (Node 22.12+ requires ES modules).
 */
import fs = require('node:fs');
import path = require('node:path');

// builder-util's Arch enum, by value.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

interface BeforePackContext {
  electronPlatformName: string;
  arch: number;
  packager: { projectDir: string };
}

type MissingNativePackagesReason = (platform: string, arch: string, installed: (name: string) => boolean) => string | null;

async function beforePack(context: BeforePackContext): Promise<void> {
  const { missingNativePackagesReason } = require('./native-packages.js') as { missingNativePackagesReason: MissingNativePackagesReason };
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const nodeModules = path.join(context.packager.projectDir, 'node_modules');
  const reason = missingNativePackagesReason(context.electronPlatformName, arch, (name) => fs.existsSync(path.join(nodeModules, name, 'package.json')));
  if (reason) throw new Error(reason);
}

export = beforePack;
