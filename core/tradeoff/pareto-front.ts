/** One variant's place on the objectives; null marks an objective it was not measured on. */
export interface Scored {
  accuracy: number;
  p99Ms: number;
  cost: number | null;
}

export const DOMINANCE_RULE =
  'Pareto front: variant A dominates variant B when A\'s accuracy is at least B\'s, A\'s p99 latency is at most B\'s and, where cost is an objective, ' +
  'A\'s cost is at most B\'s, and A is strictly better on at least one of them. A variant is on the front when no other variant of its family dominates it; ' +
  'variants equal on every objective do not dominate each other, so a tie keeps all of them on the front. Figures are compared as recorded, without rounding. ' +
  'A variant with no timed run is not ranked.';

/** A dominates B: at least as good on every objective used, strictly better on one. */
export function dominates(a: Scored, b: Scored, withCost: boolean): boolean {
  const atLeast = a.accuracy >= b.accuracy && a.p99Ms <= b.p99Ms && (!withCost || (a.cost as number) <= (b.cost as number));
  const better = a.accuracy > b.accuracy || a.p99Ms < b.p99Ms || (withCost && (a.cost as number) < (b.cost as number));
  return atLeast && better;
}

/** For each item, the indices of the items that dominate it; an empty list is a place on the front. */
export function dominators(items: readonly Scored[], withCost: boolean): number[][] {
  return items.map((b, i) => items.flatMap((a, j) => (j !== i && dominates(a, b, withCost) ? [j] : [])));
}
