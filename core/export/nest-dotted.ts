/**
 * `{ 'latency_ms.p99': 3 }` → `{ latency_ms: { p99: 3 } }`: DVC reads metrics and params as trees and
 * shows the dotted path back (`latency_ms.p99`), so the names match MLflow's flat keys exactly.
 * Insertion order is kept, which keeps the files' bytes stable.
 */
export function nestDotted<V>(fields: ReadonlyArray<{ key: string; value: V }>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const { key, value } of fields) {
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (next === null || typeof next !== 'object') node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts.at(-1) as string] = value;
  }
  return root;
}
