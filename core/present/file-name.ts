/**
 * The last part of a path, as `basename` gives it, without node:path so the app can bundle it.
 * Both separators count: a record made on Windows names its model `C:\models\m.onnx`, and it reads
 * as `m.onnx` on every machine that shows it.
 */
export function fileNameOf(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
}
