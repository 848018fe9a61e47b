import { DEFAULT_TRTEXEC_TIMEOUT_S } from '../api/trtexec-defaults.js';

/**
 * The defaults a face states beside a field the user may leave empty, taken from the contract so
 * the Run form says what a run will really get.
 */
export const STATED_TRTEXEC_TIMEOUT_S: number = DEFAULT_TRTEXEC_TIMEOUT_S;
