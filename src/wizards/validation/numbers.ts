/** Whole numbers and decimals typed into an input box, checked against a range. */

export function validateInteger(value: string, what: string, min: number, max: number): string | undefined {
  const text = value.trim();
  if (!/^-?\d+$/.test(text)) return `${what} must be a whole number.`;
  const number = Number(text);
  if (number < min) return `${what} must be at least ${min}.`;
  if (number > max) return `${what} must be at most ${max}.`;
  return undefined;
}

export function validateDecimal(value: string, what: string, min: number, max: number, options: { exclusiveMin?: boolean } = {}): string | undefined {
  const text = value.trim();
  if (!/^\d+(\.\d+)?$/.test(text)) return `${what} must be a number.`;
  const number = Number(text);
  if (options.exclusiveMin ? number <= min : number < min) return `${what} must be ${options.exclusiveMin ? 'greater than' : 'at least'} ${min}.`;
  if (number > max) return `${what} must be at most ${max}.`;
  return undefined;
}
