import * as assert from 'node:assert/strict';
import { instanceTypeNames } from '@s2z/instance-types';
import { currentBurn } from '../../../src/cost/costLens';
import { describeHourlyCost, hourlyPrice } from '../../../src/cost/pricing';
import { describeScheduledSleepBilling, describeSleepBilling, sleepBilling } from '../../../src/cost/sleepBilling';
import { formatHourlyUsd, formatUsd, roundToCents } from '../../../src/money/dollars';
import { instanceTypeItems } from '../../../src/wizards/createEndpoint/instanceCapacity';
import { endpoint } from '../../support/accountFixtures';

/** The price as written ("1.515"), rounded half up to the cent by decimal digits: the oracle, independent of floating point. */
function centsOfWrittenPrice(price: number): string {
  const [whole, fraction = ''] = String(price).split('.');
  const digits = fraction.padEnd(3, '0');
  let cents = Number(whole) * 100 + Number(digits.slice(0, 2)) + (Number(digits[2]) >= 5 ? 1 : 0);
  const dollars = Math.floor(cents / 100);
  cents -= dollars * 100;
  return `$${dollars}.${String(cents).padStart(2, '0')}/h`;
}

describe('money: one price and one rounding for every instance type', () => {
  it('rounds to the cent half up on the written decimal, where toFixed rounds the binary value down', () => {
    assert.equal(roundToCents(1.515), 1.52);
    assert.equal((1.515).toFixed(2), '1.51', 'the rounding that gave the picker its $1.51');
    assert.equal(roundToCents(1.005), 1.01);
    assert.equal(roundToCents(37.688 * 3), 113.06);
    assert.equal(formatUsd(0), '$0.00');
    assert.equal(formatUsd(236.305), '$236.31');
    assert.equal(formatHourlyUsd(1.515), '$1.52/h');
  });

  it('ml.g5.2xlarge is ≈ $1.52/h in the instance picker, the plan, the tree\'s cost and a sleep\'s billing', () => {
    const picker = instanceTypeItems().find((item) => item.value === 'ml.g5.2xlarge');
    assert.match(picker?.detail ?? '', /^≈ \$1\.52\/h on demand/);
    assert.match(describeHourlyCost('ml.g5.2xlarge', 1).description, /≈ \$1\.52\/h while running/);
    assert.match(currentBurn(endpoint()).description, /^≈ \$1\.52\/h for 1 × ml\.g5\.2xlarge/);
  });

  it('every displayed price of every instance type is the price table\'s, rounded by the one rule', () => {
    const items = new Map(instanceTypeItems().map((item) => [item.value, item.detail ?? '']));
    const priced = instanceTypeNames().filter((name) => hourlyPrice(name) !== undefined);
    assert.ok(priced.length > 40, `${priced.length} priced instance types`);
    for (const name of priced) {
      const expected = `≈ ${centsOfWrittenPrice(hourlyPrice(name)!)}`;
      const kept = endpoint({}, { current: 1, desired: 1 });
      kept.variants[0].instanceType = name;
      kept.variants[0].managedScaling = { enabled: true, min: 1, max: 2 };
      const billing = sleepBilling({ endpoint: kept, targetMinCapacity: 0, othersWithCopies: [] });
      const shown: Record<string, string> = {
        'instance picker': items.get(name) ?? '',
        plan: describeHourlyCost(name, 1).description,
        'tree cost now': currentBurn(kept).description,
        'sleep confirmation': describeSleepBilling(billing),
        'schedule plan': describeScheduledSleepBilling(billing, 10),
      };
      for (const [where, text] of Object.entries(shown)) {
        assert.ok(text.includes(expected), `${name} in the ${where}: expected ${expected} in "${text}"`);
      }
    }
  });

  it('the user\'s own price wins in the picker and the plan as in the tree', () => {
    const overrides = { 'ml.g5.2xlarge': 1.235 };
    assert.match(instanceTypeItems(overrides).find((item) => item.value === 'ml.g5.2xlarge')?.detail ?? '', /^≈ \$1\.24\/h/);
    assert.match(describeHourlyCost('ml.g5.2xlarge', 1, overrides).description, /≈ \$1\.24\/h/);
    assert.match(currentBurn(endpoint(), overrides).description, /^≈ \$1\.24\/h/);
  });
});
