/**
 * The longest text each kind of argument may be, the same on every face (the CLI's flags, the
 * server's requests, the app's IPC). A label is read in a list, a tag is matched whole, a target is
 * an expression such as `p99<=33ms`: none needs more, and a bound keeps a pasted file out of every
 * record, table and report that shows it. Paths are bounded as the OS bounds them (PATH_MAX).
 */
export const TEXT_LIMITS = {
  label: 200,
  tag: 64,
  target: 200,
  notes: 4000,
  /** An attestation's note, a decision record's context, decision and consequences: prose. */
  prose: 20_000,
  statedHardware: 200,
  path: 4096,
  /** Any other value a flag or request carries. */
  value: 4096,
} as const;
export type TextKind = keyof typeof TEXT_LIMITS;

/** How many tags and targets one run may carry. */
export const LIST_LIMITS = { tags: 32, targets: 32 } as const;

const what: Record<TextKind, string> = {
  label: 'a label',
  tag: 'a tag',
  target: 'a target expression',
  notes: 'notes',
  prose: 'a note or a decision record\'s text',
  statedHardware: 'a stated hardware name',
  path: 'a path',
  value: 'a value',
};

/** "a label is at most 200 characters (this one has 30000)": the one wording, for schemas and flags. */
export function tooLongMessage(kind: TextKind, length: number): string {
  return `${what[kind]} ${kind === 'notes' ? 'are' : 'is'} at most ${TEXT_LIMITS[kind]} characters (this one has ${length})`;
}

/** "a label is empty": the request's counterpart of the CLI's refusal of an empty flag value. */
export function emptyMessage(kind: TextKind): string {
  return `${what[kind]} ${kind === 'notes' ? 'are' : 'is'} empty: give one, or leave the field out`;
}
