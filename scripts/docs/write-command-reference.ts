import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../core/package-root.js';
import { collectHelp, currentReference, renderReference, withReference } from './command-reference.js';

/** `npm run docs:commands`: rewrites README.md's command reference from the built CLI's --help. */
const readmePath = path.join(packageRoot(), 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const pages = await collectHelp();
const reference = renderReference(pages);
if (currentReference(readme) === reference) {
  process.stdout.write(`README.md: the command reference is up to date (${pages.length} help pages).\n`);
} else {
  writeFileSync(readmePath, withReference(readme, reference));
  process.stdout.write(`README.md: command reference rewritten from ${pages.length} help pages.\n`);
}
