/**
 * How every dollar amount the extension shows is rounded: to the cent, half up, on the decimal the
 * price is written in. `1.515.toFixed(2)` is "1.51" (the binary double lies just below 1.515) while
 * `Math.round(1.515 * 100)` is 152: two roundings gave one instance two prices. This is the one.
 */
export function roundToCents(usd: number): number {
  // 12 significant digits drop the binary noise of the multiplication (151.49999999999997 → 151.5).
  return Math.round(Number((usd * 100).toPrecision(12))) / 100;
}

/** "$1.52". */
export function formatUsd(usd: number): string {
  return `$${roundToCents(usd).toFixed(2)}`;
}

/** "$1.52/h". */
export function formatHourlyUsd(usd: number): string {
  return `${formatUsd(usd)}/h`;
}
