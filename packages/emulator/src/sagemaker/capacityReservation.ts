import { typesByPriority } from './instancePools';
import { type VariantSpec } from './records';

/*
 * A variant with `CapacityReservationConfig` takes its instances from an ML capacity reservation (a
 * training plan for endpoints). AWS: the plan "secures compute instances specifically for inference
 * workloads", and the endpoint's InstanceType "must match the InstanceType of your training plan"
 * (SageMaker Developer Guide, "Using training plans for SageMaker inference endpoints"). So the
 * reserved type is not short of capacity when on-demand capacity is: the control API's
 * `insufficientCapacity` fault does not refuse it. The emulator does not model the reservation's size
 * or its end (AWS: with capacity-reservations-only, invocations then fail with a capacity error).
 */

/** The type the reservation holds: the variant's InstanceType, or its first instance pool by priority. */
export function reservedInstanceType(spec: VariantSpec): string | undefined {
  return spec.mlReservationArn ? typesByPriority(spec)[0] : undefined;
}

/** `refused` for on-demand capacity, with the variant's reserved type never refused. */
export function withReservation(refused: (instanceType: string) => boolean): (instanceType: string, spec: VariantSpec) => boolean {
  return (instanceType, spec) => instanceType !== reservedInstanceType(spec) && refused(instanceType);
}
