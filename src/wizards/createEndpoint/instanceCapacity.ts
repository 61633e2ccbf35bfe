import { instanceTypes, type InstanceTypeSpec } from '@s2z/instance-types';
import { hourlyPrice, priceDate } from '../../cost/pricing';
import { type Choice } from '../../prompts/userInput';

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

/** The instance types grouped by family (accelerated families first), with their hardware and rough price. */
export function instanceTypeItems(): Choice<string>[] {
  const names = [...instanceTypes.keys()];
  const families = [...new Set(names.map(instanceFamily))];
  const accelerated = (family: string) => names.some((name) => instanceFamily(name) === family && instanceSpec(name).accelerators > 0);
  families.sort((a, b) => Number(accelerated(b)) - Number(accelerated(a)));
  return families.flatMap((family) =>
    names
      .filter((name) => instanceFamily(name) === family)
      .map((name) => {
        const price = hourlyPrice(name);
        return {
          label: name,
          description: describeCapacity(name),
          detail: price === undefined ? undefined : `≈ $${price.toFixed(2)}/h on demand (approximate, us-east-1, ${priceDate})`,
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
