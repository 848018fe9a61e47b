/**
 * A drop is meant to measure what changed between the reference and the variant (the model file,
 * the engine, the precision). When the two passes also decoded or preprocessed differently, the
 * drop measures those settings too: the pass says which ones differ, so nobody reads a changed score
 * threshold or letterbox as the cost of INT8.
 */

/** The decoder settings that shape the figures; the output read and where the class names came from do not. */
function decoderSettings(decoder: unknown): Record<string, unknown> {
  if (typeof decoder !== 'object' || decoder === null) return {};
  const { output: _output, classes, ...rest } = decoder as Record<string, unknown>;
  const names = typeof classes === 'object' && classes !== null ? (classes as { names?: unknown }).names : undefined;
  return { ...rest, ...(names !== undefined ? { 'classes.names': names } : {}) };
}

function differingKeys(a: Record<string, unknown>, b: Record<string, unknown>, prefix: string): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((k) => `${prefix}${k}`);
}

/** The fields of `decoder` and `inputs` (the run spec's preprocessing) that differ from the reference's; [] when the reference recorded none. */
export function settingsDifferingFromReference(reference: { decoder?: unknown; inputs?: unknown }, pass: { decoder: unknown; inputs: unknown }): string[] {
  const inputs = (v: unknown): Record<string, unknown> => {
    if (typeof v !== 'object' || v === null) return {};
    // The image paths differ by design when the same images sit elsewhere; the labelled set's digest and image list are checked apart.
    const { paths: _paths, ...rest } = v as Record<string, unknown>;
    return rest;
  };
  return [
    ...(reference.decoder === undefined ? [] : differingKeys(decoderSettings(reference.decoder), decoderSettings(pass.decoder), 'decoder.')),
    ...(reference.inputs === undefined ? [] : differingKeys(inputs(reference.inputs), inputs(pass.inputs), 'inputs.')),
  ];
}
