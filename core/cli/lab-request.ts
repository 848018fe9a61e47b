import { describeIssues } from '../api/describe-issues.js';
import { LabError } from '../api/errors.js';
import { LabRequestSchemas, type LabMethod, type ValidLabRequest } from '../api/lab-requests.js';

/**
 * Flags made into a LabApi request, validated by the same schema the server and the app use. A
 * refusal names the flag the field came from (`flags` maps a field's name to it), and where to look.
 */
export function labRequest<M extends LabMethod>(method: M, args: unknown, flags: Readonly<Record<string, string>>, help: string): ValidLabRequest<M> {
  const parsed = LabRequestSchemas[method].safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path.find((key) => typeof key === 'string' && Object.hasOwn(flags, key)) ?? issue?.path.at(-1));
    const flag = flags[field] ?? field;
    throw new LabError('usage', `${flag}: ${issue?.message ?? describeIssues(parsed.error)}.`, help);
  }
  return parsed.data as ValidLabRequest<M>;
}

// exactOptionalPropertyTypes: a field the schema left undefined is left out, not passed as undefined.
export function withoutUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
