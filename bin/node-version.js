// Which Node versions edgelab runs on, checked by bin/edgelab.js before it imports anything else.
// Plain JavaScript with no imports, so that it loads on any Node that can load an ES module at all.

export const minimumNode = '22.12';

/** The message to print when `version` (process.versions.node) is too old, or null when it is fine. */
export function nodeVersionProblem(version, execPath) {
  const [major, minor] = String(version).split('.').map(Number);
  const [needMajor, needMinor] = minimumNode.split('.').map(Number);
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return null;
  return `edgelab needs Node ${minimumNode} or later; this is Node ${version} (${execPath}). Install a newer Node (https://nodejs.org) and run it again.`;
}
