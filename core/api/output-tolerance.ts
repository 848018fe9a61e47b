/**
 * The tolerance an output check uses when none is given, as onnx_test_runner applies it:
 * |out − expected| ≤ atol + rtol·|expected|. Apart from the zod schemas so that help text and the
 * comparison read it without loading zod.
 */
export const DEFAULT_OUTPUT_TOLERANCE = { atol: 1e-5, rtol: 1e-3 } as const;
