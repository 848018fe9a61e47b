// Which Node versions edgelab runs on, checked by bin/edgelab.js and bin/start.js (`npm start`)
// before they import anything of the lab, and what to do on an older Node.
// Plain JavaScript importing only Node's own modules, so that it loads on any Node that can load an
// ES module at all.
import { fileURLToPath } from 'node:url';

export const minimumNode = '22.12';

/** The checkout's folder that `npm run node24` installs Node 24 into (ignored by git; .ci/run uses it too). */
export const node24Folder = '.ci/node24';

const checkout = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '');

/** Whether `version` (process.versions.node) meets edgelab's rule. */
export function nodeVersionOk(version) {
  const [major, minor] = String(version).split('.').map(Number);
  const [needMajor, needMinor] = minimumNode.split('.').map(Number);
  return major > needMajor || (major === needMajor && minor >= needMinor);
}

/** The message to print when `version` (process.versions.node) is too old, or null when it is fine. */
export function nodeVersionProblem(version, execPath) {
  if (nodeVersionOk(version)) return null;
  return [
    `edgelab needs Node ${minimumNode} or later; this is Node ${version} (${execPath}).`,
    `Bring Node 24 from the npm registry into this checkout: run \`npm run node24\` in ${checkout}; it installs Node 24 into ${node24Folder} and prints the PATH line that puts it first.`,
    'Or install a newer Node (https://nodejs.org). Then run it again.',
  ].join('\n');
}
