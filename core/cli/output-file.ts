// The one writer of requested output files lives in core/output, where the desktop app's PDF export
// uses it too; commands import it from here as before.
export * from '../output/output-file.js';
