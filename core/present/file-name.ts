/**
 * The last part of a path, as POSIX `basename` gives it, without node:path so the app can bundle
 * it. Only `/` separates: a record imported from Windows names its model `C:\Users\…\m.xml`, and
 * its title keeps that whole name, as the CLI has always printed it on Linux and macOS.
 */
export function fileNameOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
