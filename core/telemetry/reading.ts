/**
 * A sensor reading that may not exist on this machine. A missing sensor is never reported as zero:
 * a zero watt or zero joule figure would read as a measurement and end up in a record as evidence.
 */
export type Reading<T> = { available: true; value: T } | { available: false; reason: string };

export function available<T>(value: T): Reading<T> {
  return { available: true, value };
}

export function unavailable<T = never>(reason: string): Reading<T> {
  return { available: false, reason };
}
