/**
 * Every IPC channel between the preload and the main process, in one place (as GitHub Desktop's
 * ipc-shared.ts). The preload is compiled separately as CommonJS and repeats these three strings;
 * ipc-channels.test checks that they agree.
 */
export const IpcChannel = {
  /** invoke(method, args) → { value } | { error }: one LabApi call, validated in main. */
  call: 'lab:call',
  /** invoke() → { value: string | null } | { error }: the native open dialog for a model. */
  openModelDialog: 'lab:open-model-dialog',
  /** invoke({ ids }) → { value: string | null } | { error }: the HTML report printed to a PDF the user saves. */
  exportPdf: 'lab:export-pdf',
  /** main → renderer: one LabEvent. */
  event: 'lab:event',
} as const;

/** What main answers to a call: an error travels as plain data, since IPC drops an Error's fields. */
export type IpcResult = { value: unknown } | { error: { kind: string; message: string; hint?: string } };
