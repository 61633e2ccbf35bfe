import { instanceTypes, type InstanceTypeSpec } from '@s2z/instance-types';
import { hourlyPrice, type PriceOverrides, priceDate, priceRegion } from '../../cost/pricing';
import { formatHourlyUsd } from '../../money/dollars';
import { type Choice } from '../../prompts/userInput';
import { plural } from '../../l10n/plural';

export interface ComputeRequirements {
  accelerators: number;
  memoryMb: number;
  cpuCores: number;
}

export function instanceSpec(instanceType: string): InstanceTypeSpec {
  const spec = instanceTypes.get(instanceType);
  if (!spec) throw new Error(`Unknown instance type ${instanceType}`);
  return spec;
}

/** "ml.g5.2xlarge" → "g5". */
export function instanceFamily(instanceType: string): string {
  return instanceType.split('.')[1] ?? instanceType;
}

/** "1 GPU", "2 Neuron devices". */
export function describeAccelerators(instanceType: string, count: number): string {
  const kind = instanceFamily(instanceType).startsWith('inf') ? 'Neuron device' : 'GPU';
  return `${count} ${kind}${count === 1 ? '' : 's'}`;
}

/** "8 vCPUs · 32 GiB · 1 GPU". */
export function describeCapacity(instanceType: string): string {
  const spec = instanceSpec(instanceType);
  const parts = [`${spec.vCpus} vCPUs`, `${spec.memoryMiB / 1024} GiB`];
  parts.push(spec.accelerators > 0 ? describeAccelerators(instanceType, spec.accelerators) : 'no accelerator');
  return parts.join(' · ');
}

/** The instance types grouped by family (accelerated families first), with their hardware and rough price (the user's prices win). */
export function instanceTypeItems(overrides: PriceOverrides = {}): Choice<string>[] {
  const names = [...instanceTypes.keys()];
  const families = [...new Set(names.map(instanceFamily))];
  const accelerated = (family: string) => names.some((name) => instanceFamily(name) === family && instanceSpec(name).accelerators > 0);
  families.sort((a, b) => Number(accelerated(b)) - Number(accelerated(a)));
  return families.flatMap((family) =>
    names
      .filter((name) => instanceFamily(name) === family)
      .map((name) => {
        const price = hourlyPrice(name, overrides);
        return {
          label: name,
          description: describeCapacity(name),
          detail: price === undefined ? undefined : `≈ ${formatHourlyUsd(price)} on demand (approximate, ${priceRegion}, ${priceDate})`,
          group: `${family}${accelerated(family) ? (family.startsWith('inf') ? ' (AWS Inferentia)' : ' (NVIDIA GPU)') : ' (CPU)'}`,
          value: name,
        };
      }),
  );
}

/** How many copies with these requirements fit on one instance (0 when one does not fit). */
export function copiesPerInstance(instanceType: string, requirements: ComputeRequirements): number {
  const spec = instanceSpec(instanceType);
  const limits = [Math.floor(spec.memoryMiB / requirements.memoryMb), Math.floor(spec.vCpus / requirements.cpuCores)];
  if (requirements.accelerators > 0) limits.push(Math.floor(spec.accelerators / requirements.accelerators));
  return Math.max(0, Math.min(...limits));
}

/** "1 instance", "2 instances". */
export function instanceCount(instances: number): string {
  return plural(instances, { one: '{count} instance', other: '{count} instances' });
}

/** "1 copy fits on 1 instance", "2 copies fit on 1 × ml.g5.2xlarge": `where` is what they fit on. */
export function copiesFitOn(copies: number, where: string): string {
  return plural(copies, { one: '{count} copy fits on {where}', other: '{count} copies fit on {where}' }, { where });
}
