import { type PriceOverrides } from '../../cost/pricing';
import { holdsInstances, sleepBilling, type SleepBilling } from '../../cost/sleepBilling';
import { type Inventory } from './inventory';

/** The other inference components on `endpointName` that still have copies (they keep its instances). */
export function othersWithCopies(inventory: Inventory, endpointName: string, componentName: string): string[] {
  return inventory
    .componentsOf(endpointName)
    .filter((other) => other.summary.name !== componentName && holdsInstances(other.snapshot))
    .map((other) => other.summary.name);
}

/**
 * What 0 copies would leave billing on a component's endpoint, read from the account's own settings as
 * the inventory holds them: the endpoint's managed instance scaling, the component's scalable target
 * MinCapacity, and the other components with copies on the same instances. Set Copy Count's
 * confirmation and the agent's sleep tool both ask this.
 */
export function billingAfterSleep(inventory: Inventory, componentName: string, endpointName: string, overrides: PriceOverrides): SleepBilling {
  const entry = inventory.component(componentName);
  const endpoint = entry?.summary.endpointName ?? endpointName;
  return sleepBilling(
    { endpoint: inventory.endpoint(endpoint)?.snapshot, targetMinCapacity: entry?.scaling?.target?.minCapacity, othersWithCopies: othersWithCopies(inventory, endpoint, componentName) },
    overrides,
  );
}
