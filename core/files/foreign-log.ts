/**
 * Lines that mark another tool's output, so a file given to the wrong importer is named for what it
 * is ("this is an OpenVINO benchmark_app log") instead of "nothing found".
 */
const SIGNATURES: Array<[RegExp, string]> = [
  [/^\[Step \d+\/\d+\]|^\[ INFO \] OpenVINO|benchmark_app/, 'an OpenVINO benchmark_app log'],
  [/^&&&& (RUNNING|PASSED|FAILED) TensorRT\.trtexec/, 'a trtexec log'],
  [/^(?:\d{2}-\d{2}-\d{4} \d{2}:\d{2}:\d{2} )?RAM \d+\/\d+MB/, 'tegrastats output'],
  [/^\s*\[?\s*\{\s*"(cat|name|ph|args|dur|ts)"/, 'a JSON trace (an ONNX Runtime profile?)'],
  [/^\*\*PERF:|^Comp name = |^\*+BATCH-NUM = /, 'DeepStream output'],
];

/** What other tool printed this line, or null. `self` names the importer's own tool, never reported. */
export function foreignToolOf(line: string, self: string): string | null {
  for (const [pattern, what] of SIGNATURES) {
    if (what !== self && pattern.test(line)) return what;
  }
  return null;
}
