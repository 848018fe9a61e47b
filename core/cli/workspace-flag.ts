export const workspaceOption = { workspace: { type: 'string' } } as const;

export const workspaceHelp = '  --workspace DIR         evidence workspace (default: $EDGELAB_WORKSPACE, else the OS data folder)\n';
