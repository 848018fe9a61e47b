import type { ParseArgsConfig } from 'node:util';

/** A command's flags as node:util parseArgs takes them: what args.ts parses and numeric-flags.ts checks. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
