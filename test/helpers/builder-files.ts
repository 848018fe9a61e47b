import path from 'node:path';
import { Minimatch } from 'minimatch';

/**
 * electron-builder's `files` filter for the app folder, as app-builder-lib does it
 * (src/fileMatcher.ts getMainFileMatchers + computeParsedPatterns, src/util/filter.ts
 * minimatchAll), with the same matcher (minimatch, { dot: true }). Production node_modules are
 * copied by a separate matcher, so this answers for the project's own files only.
 */
const minimatchOptions = { dot: true };
const excludedNames =
  '.git,.hg,.svn,CVS,RCS,SCCS,__pycache__,.DS_Store,thumbs.db,.gitignore,.gitkeep,.gitattributes,.npmignore,.idea,.vs,.flowconfig,.jshintrc,.eslintrc,.circleci,' +
  '.yarn-integrity,.yarn-metadata.json,yarn-error.log,yarn.lock,package-lock.json,npm-debug.log,pnpm-lock.yaml,bun.lock,bun.lockb,appveyor.yml,.travis.yml,circle.yml,.nyc_output,.husky,.github,electron-builder.env';
const excludedExts = 'iml,hprof,orig,pyc,pyo,rbc,swp,csproj,sln,suo,xproj,cc,d.ts,mk,a,o,obj,forge-meta';

function normalizePattern(pattern: string): string {
  const p = pattern.startsWith('./') ? pattern.slice(2) : pattern;
  return path.posix.normalize(p.replace(/\\/g, '/'));
}

function hasMagic(m: Minimatch): boolean {
  return m.set.length > 1 || m.set[0]!.some((part) => typeof part !== 'string');
}

/** The pattern list getMainFileMatchers ends with, for `files` given as strings. */
export function mainFilePatterns(files: readonly string[], options: { buildResources: string; output: string }): string[] {
  const patterns = files.map(normalizePattern);
  const first: string[] = [];
  if (patterns.length === 0 || patterns.every((p) => p.startsWith('!'))) first.push('**/*');
  else if (!patterns.includes('package.json')) patterns.push('package.json');
  const nodeModulesAt = patterns.findIndex((p) => !p.startsWith('!') && (p.includes('/node_modules') || p.includes('node_modules/')));
  if (nodeModulesAt !== -1) patterns.splice(nodeModulesAt, 0, '!**/node_modules/**');
  else first.push('!**/node_modules/**');
  if (options.buildResources !== '' && !options.buildResources.startsWith('.')) first.push(`!${options.buildResources}{,/**/*}`);
  if (!options.output.startsWith('.')) first.push(`!${options.output}{,/**/*}`);
  let insertAt = 0;
  for (let i = patterns.length - 1; i >= 0; i--) {
    if (patterns[i]!.startsWith('**/')) {
      insertAt = i + 1;
      break;
    }
  }
  patterns.splice(insertAt, 0, ...first);
  patterns.push(`!**/*.{${excludedExts},pdb}`, '!**/._*', '!**/electron-builder.{yaml,yml,json,json5,toml,ts}', `!**/{${excludedNames}}`, '!.yarn{,/**/*}', '!.editorconfig', '!.yarnrc.yml');
  // getFileMatchers adds this one for the output folder's unpacked apps.
  patterns.push(`!${options.output}/*-unpacked{,/**/*}`);
  return patterns;
}

function parsed(patterns: readonly string[]): Minimatch[] {
  const result: Minimatch[] = [];
  for (const pattern of patterns) {
    const m = new Minimatch(pattern, minimatchOptions);
    result.push(m);
    // A bare folder name also matches what is inside it (electron-builder issue #545).
    if (!pattern.includes('.') && !hasMagic(m)) result.push(new Minimatch(`${pattern}/**/*`, minimatchOptions));
  }
  return result;
}

function minimatchAll(relative: string, patterns: readonly Minimatch[], isDirectory: boolean): boolean {
  let match = false;
  for (const pattern of patterns) {
    if (match !== pattern.negate) continue;
    match = pattern.match(relative, isDirectory && !pattern.negate);
  }
  return match;
}

/**
 * Whether a project file ends up in the app: copyDir walks folders through the same filter, so
 * the file and each folder above it must pass.
 */
export function builderIncludes(patterns: readonly string[]): (relativeFile: string) => boolean {
  const matchers = parsed(patterns);
  return (relativeFile) => {
    const parts = relativeFile.split('/');
    for (let i = 1; i < parts.length; i++) {
      if (!minimatchAll(parts.slice(0, i).join('/'), matchers, true)) return false;
    }
    return minimatchAll(relativeFile, matchers, false);
  };
}

/** asarUnpack goes through the same FileMatcher filter (platformPackager: getFileMatchers(config, "asarUnpack", ...)). */
export function asarUnpacks(patterns: readonly string[]): (relativeFile: string) => boolean {
  const matchers = parsed(patterns.map(normalizePattern));
  return (relativeFile) => minimatchAll(relativeFile, matchers, false);
}

/**
 * The filter electron-builder copies production node_modules through (fileMatcher.ts
 * getNodeModuleFileMatcher): only the `!` patterns of the top-level `files` and of the platform's
 * own `files` count, behind a leading `**\/*`. `arch` expands `${arch}` as the packager does for
 * the installer's CPU (util/macroExpander.ts).
 */
export function nodeModuleFilter(files: readonly string[], platformFiles: readonly string[], arch: string): (relative: string, isDirectory: boolean) => boolean {
  const exclusions = [...files, ...platformFiles].filter((p) => p.startsWith('!')).map((p) => normalizePattern(p.replaceAll('${arch}', arch)));
  const matchers = parsed(exclusions.length > 0 ? ['**/*', ...exclusions] : []);
  return (relative, isDirectory) => matchers.length === 0 || minimatchAll(relative, matchers, isDirectory);
}
