/** Hardware of one SageMaker hosting instance type. */
export interface InstanceTypeSpec {
  readonly vCpus: number;
  readonly memoryMiB: number;
  /** GPUs (NVIDIA families) or Neuron devices (ml.inf2); 0 for CPU instances. */
  readonly accelerators: number;
}

const GiB = 1024;

function sizes(family: string, rows: [size: string, vCpus: number, memoryGiB: number, accelerators: number][]): [string, InstanceTypeSpec][] {
  return rows.map(([size, vCpus, memoryGiB, accelerators]) => [`ml.${family}.${size}`, { vCpus, memoryMiB: memoryGiB * GiB, accelerators }]);
}

/** Common hosting instance types (vCPUs, memory, accelerators as published by AWS). */
export const instanceTypes: ReadonlyMap<string, InstanceTypeSpec> = new Map<string, InstanceTypeSpec>([
  ...sizes('g5', [
    ['xlarge', 4, 16, 1], ['2xlarge', 8, 32, 1], ['4xlarge', 16, 64, 1], ['8xlarge', 32, 128, 1],
    ['12xlarge', 48, 192, 4], ['16xlarge', 64, 256, 1], ['24xlarge', 96, 384, 4], ['48xlarge', 192, 768, 8],
  ]),
  ...sizes('g6', [
    ['xlarge', 4, 16, 1], ['2xlarge', 8, 32, 1], ['4xlarge', 16, 64, 1], ['8xlarge', 32, 128, 1],
    ['12xlarge', 48, 192, 4], ['16xlarge', 64, 256, 1], ['24xlarge', 96, 384, 4], ['48xlarge', 192, 768, 8],
  ]),
  ...sizes('g6e', [
    ['xlarge', 4, 32, 1], ['2xlarge', 8, 64, 1], ['4xlarge', 16, 128, 1], ['8xlarge', 32, 256, 1],
    ['12xlarge', 48, 384, 4], ['16xlarge', 64, 512, 1], ['24xlarge', 96, 768, 4], ['48xlarge', 192, 1536, 8],
  ]),
  ...sizes('p4d', [['24xlarge', 96, 1152, 8]]),
  ...sizes('p4de', [['24xlarge', 96, 1152, 8]]),
  ...sizes('p5', [['48xlarge', 192, 2048, 8]]),
  ...sizes('inf2', [['xlarge', 4, 16, 1], ['8xlarge', 32, 128, 1], ['24xlarge', 96, 384, 6], ['48xlarge', 192, 768, 12]]),
  ...sizes('m5', [
    ['large', 2, 8, 0], ['xlarge', 4, 16, 0], ['2xlarge', 8, 32, 0], ['4xlarge', 16, 64, 0], ['12xlarge', 48, 192, 0], ['24xlarge', 96, 384, 0],
  ]),
  ...sizes('c5', [
    ['large', 2, 4, 0], ['xlarge', 4, 8, 0], ['2xlarge', 8, 16, 0], ['4xlarge', 16, 32, 0], ['9xlarge', 36, 72, 0], ['18xlarge', 72, 144, 0],
  ]),
]);

export function instanceTypeNames(): string[] {
  return [...instanceTypes.keys()];
}
