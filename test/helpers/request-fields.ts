import type { z } from 'zod';

/**
 * Every field a LabApi request can set, as the dotted path inside the method's argument object
 * (`startRun.spec.session.freeDimensionOverrides`; arrays without an index), read from the zod
 * schemas themselves so that a field added to a schema is a field the parity test asks about.
 * Wrappers (optional, default, nullable, readonly, a preprocess or pipe) are unwrapped; objects,
 * unions (discriminated or not) and arrays of objects are descended into; anything else is a leaf.
 */
export function requestFields(schemas: Record<string, z.ZodType>): string[] {
  const fields = new Set<string>();
  for (const [method, schema] of Object.entries(schemas)) walk(schema, method, fields);
  return [...fields].sort();
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  element?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  getter?: () => z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** The schema a value is checked against once the wrappers are taken off. */
function unwrap(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return unwrap(def.innerType as z.ZodType);
    case 'lazy':
      return unwrap((def.getter as () => z.ZodType)());
    case 'pipe': {
      // z.preprocess(fn, schema) is a pipe from a transform into the schema; .transform() the other way round.
      const from = def.in as z.ZodType;
      return unwrap(defOf(from).type === 'transform' ? (def.out as z.ZodType) : from);
    }
    default:
      return schema;
  }
}

/** Fields of a schema that has any: an object, or a union of objects (each option's fields). */
function children(schema: z.ZodType): Array<[string, z.ZodType]> | null {
  const def = defOf(schema);
  if (def.type === 'object') return Object.entries(((schema as unknown as { shape: Record<string, z.ZodType> }).shape));
  if (def.type === 'union') {
    const objects = (def.options ?? []).map(unwrap).map(children);
    if (objects.every((c) => c !== null)) return objects.flatMap((c) => c as Array<[string, z.ZodType]>);
  }
  return null;
}

function walk(schema: z.ZodType, path: string, fields: Set<string>): void {
  let inner = unwrap(schema);
  // An array of objects is described by its element's fields, without an index.
  if (defOf(inner).type === 'array' && children(unwrap(defOf(inner).element as z.ZodType))) inner = unwrap(defOf(inner).element as z.ZodType);
  const own = children(inner);
  if (own === null) {
    fields.add(path);
    return;
  }
  // A method without arguments (`providers`) has no field to hold to a control.
  for (const [key, child] of own) walk(child, `${path}.${key}`, fields);
}
