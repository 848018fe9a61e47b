/**
 * Seconds each trtexec process may run (the engine build included) when the spec does not say. An
 * hour: a large model's engine build on a Jetson takes tens of minutes; a trtexec past that is stuck.
 * Dependency-free, so the Run screen (through core/present) states the same default the CLI's help does.
 */
export const DEFAULT_TRTEXEC_TIMEOUT_S = 3600;
