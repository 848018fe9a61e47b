import { workspaceOption } from './workspace-flag.js';

/**
 * The flags every `edgelab import …` of a run shares: how the imported run is described (targets,
 * label, the machine as stated, tags) and where it is kept. Each importer adds the files it reads.
 */
export const importedRunFlags = {
  target: { type: 'string', multiple: true },
  label: { type: 'string' },
  hardware: { type: 'string' },
  tag: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...workspaceOption,
} as const;
