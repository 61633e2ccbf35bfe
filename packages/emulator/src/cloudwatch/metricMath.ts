/**
 * The part of CloudWatch metric math the emulator evaluates: numbers, the IDs of other queries,
 * `+ - * /`, unary minus, parentheses and `FILL(x, number)`, on one period's values. Anything else
 * (functions such as `SUM()`, `IF()`, `METRICS()`, FILL's REPEAT/LINEAR, comparison operators) is not emulated: the expression then
 * has no value, so an alarm on it sees missing data.
 */
export class UnsupportedMetricMath extends Error {}

/** The value of `expression` for one period, `undefined` when an operand has no value (or a division by zero). */
export function evaluateMetricMath(expression: string, values: ReadonlyMap<string, number | undefined>): number | undefined {
  const tokens = expression.match(/\s*(\d+(\.\d+)?([eE][-+]?\d+)?|[A-Za-z_][A-Za-z0-9_]*|[-+*/()]|\S)/g)?.map((token) => token.trim()) ?? [];
  let position = 0;
  const peek = () => tokens[position];
  const next = () => tokens[position++];

  const primary = (): number | undefined => {
    const token = next();
    if (token === undefined) throw new UnsupportedMetricMath('unexpected end of expression');
    if (token === '(') {
      const value = sum();
      if (next() !== ')') throw new UnsupportedMetricMath('missing )');
      return value;
    }
    if (token === '-') {
      const value = primary();
      return value === undefined ? undefined : -value;
    }
    if (/^\d/.test(token)) return Number(token);
    if (token === 'FILL' && peek() === '(') {
      // FILL(x, c): x, or the number c in a period where x has no value (CloudWatch's REPEAT and
      // LINEAR fillers need a series, and are not emulated).
      next();
      const value = sum();
      if (next() !== ',') throw new UnsupportedMetricMath('FILL takes an expression and a number');
      const filler = sum();
      if (next() !== ')') throw new UnsupportedMetricMath('missing )');
      if (filler === undefined) throw new UnsupportedMetricMath('FILL\'s filler must be a number');
      return value ?? filler;
    }
    if (/^[A-Za-z_]/.test(token)) {
      if (peek() === '(' || !values.has(token)) throw new UnsupportedMetricMath(`${token} is not emulated`);
      return values.get(token);
    }
    throw new UnsupportedMetricMath(`unexpected ${token}`);
  };
  const product = (): number | undefined => {
    let value = primary();
    while (peek() === '*' || peek() === '/') {
      const operator = next();
      const right = primary();
      if (value === undefined || right === undefined) value = undefined;
      else if (operator === '*') value *= right;
      else value = right === 0 ? undefined : value / right;
    }
    return value;
  };
  const sum = (): number | undefined => {
    let value = product();
    while (peek() === '+' || peek() === '-') {
      const operator = next();
      const right = product();
      value = value === undefined || right === undefined ? undefined : operator === '+' ? value + right : value - right;
    }
    return value;
  };

  const value = sum();
  if (position !== tokens.length) throw new UnsupportedMetricMath(`unexpected ${tokens[position]}`);
  return value;
}
