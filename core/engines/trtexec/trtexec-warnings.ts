import type { BenchWarning } from '../../api/warnings.js';
import type { TrtexecLog } from './trtexec-log.js';

/**
 * trtexec's own warnings as typed warnings with advice. The performance summary prints each as a
 * `* …` line followed by trtexec's suggestion; a few other `[W]` lines change what the numbers mean
 * (a dynamic input trtexec gave a shape of its own choosing). Anything else is kept as printed.
 */
const KNOWN: { test: RegExp; code: BenchWarning['code']; advice: string }[] = [
  {
    test: /GPU compute time is unstable/,
    code: 'trtexec-gpu-time-unstable',
    advice: 'Lock the clocks and rerun: on a Jetson `sudo jetson_clocks` (and a fixed nvpmodel mode), on a discrete GPU `nvidia-smi --lock-gpu-clocks`. Busy-waiting on completion (--spin-wait, trtexec --useSpinWait) also steadies short iterations. The interval around the median shows how much the spread matters.',
  },
  {
    test: /bound by Enqueue Time/,
    code: 'trtexec-enqueue-bound',
    advice: 'The host enqueues more slowly than the GPU computes, so the GPU idles between iterations. CUDA graphs (--cuda-graph, trtexec --useCudaGraph) enqueue the whole network in one call; fewer, larger layers (fusion, a larger batch) help too.',
  },
  {
    test: /bound by host-to-device transfers/,
    code: 'trtexec-h2d-bound',
    advice: 'Copying the inputs to the GPU takes longer than computing on them. In the deployed pipeline keep the preprocessed tensor on the device (decode and resize on the GPU), or pin host memory; the H2D series shows the cost per iteration.',
  },
  {
    test: /bound by device-to-host transfers/,
    code: 'trtexec-d2h-bound',
    advice: 'Copying the outputs back takes longer than computing them. Do the postprocessing (e.g. NMS, argmax) on the GPU so less data comes back; the D2H series shows the cost per iteration.',
  },
  {
    test: /Dynamic dimensions required for input|Shape missing for input with dynamic shape/,
    code: 'trtexec-shape-defaulted',
    advice: 'trtexec chose this input shape itself. Give the shape you deploy with (--shape INPUT=1x3x640x640 or --dim NAME=V), or the numbers describe a different workload.',
  },
];

export function trtexecWarnings(log: TrtexecLog): BenchWarning[] {
  const out: BenchWarning[] = [];
  const seen = new Set<string>();
  const lines = [...(log.summary?.warnings ?? []).filter((w) => w.startsWith('*')), ...log.warnings];
  for (const raw of lines) {
    const line = raw.replace(/^\*\s*/, '');
    const known = KNOWN.find((k) => k.test.test(line));
    if (!known || seen.has(known.code)) continue;
    seen.add(known.code);
    out.push({ code: known.code, message: `trtexec: ${line}`, advice: known.advice });
  }
  return out;
}
