import { measurePeaks } from '../core/profile/peaks.js';

/**
 * Prints this machine's roofline peaks as the profiler measures them, so a reader can check the
 * figures a profile's "% of roof" is judged against. Usage: node dist/bench/peaks.js [threads]
 */
const threads = Number(process.argv[2] ?? 0);
if (!Number.isInteger(threads) || threads < 0) {
  console.error(`threads must be a whole number ≥ 0 (0: ONNX Runtime's default), got '${process.argv[2]}'`);
  process.exit(2);
}
const peaks = await measurePeaks({ threads });
console.log(`provider   ${peaks.provider}`);
console.log(`threads    ${peaks.threads === 0 ? "ONNX Runtime's default" : peaks.threads}`);
console.log(`compute    ${peaks.computeGflopsPerS.toFixed(1)} GFLOP/s`);
console.log(`bandwidth  ${peaks.bandwidthGBPerS.toFixed(1)} GB/s`);
console.log(`ridge      ${peaks.ridgeFlopsPerByte.toFixed(2)} FLOP/byte`);
console.log(`method     ${peaks.method}`);
