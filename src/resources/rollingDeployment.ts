import { type CapacitySizeSnapshot, type RollingDeploymentSnapshot } from './resourceSnapshots';

/** "1 copy", "25 % of the copies": a rolling update's batch size in plain words. */
export function describeCapacitySize(size: CapacitySizeSnapshot): string {
  if (size.type === 'CAPACITY_PERCENT') return `${size.value} % of the copies`;
  return `${size.value} ${size.value === 1 ? 'copy' : 'copies'}`;
}

/** "30 s", "5 min", "1 h 30 min". */
export function describeSeconds(seconds: number): string {
  if (seconds < 60 || seconds % 60 !== 0) return `${seconds} s`;
  const minutes = seconds / 60;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/**
 * A rolling update (LastDeploymentConfig) in one line: "1 copy per batch, 5 min wait, timeout 1 h, rolls
 * back all at once; watches alarm my-errors".
 */
export function describeRollingDeployment(deployment: RollingDeploymentSnapshot): string {
  const parts = [
    deployment.batch ? `${describeCapacitySize(deployment.batch)} per batch` : 'batch size not given',
    `${describeSeconds(deployment.waitSeconds ?? 0)} wait`,
    ...(deployment.timeoutSeconds !== undefined ? [`timeout ${describeSeconds(deployment.timeoutSeconds)}`] : []),
    deployment.rollbackBatch ? `rolls back ${describeCapacitySize(deployment.rollbackBatch)} at a time` : 'rolls back all at once',
  ];
  const alarms = deployment.alarms.length === 0 ? 'no alarm watched' : `watches ${deployment.alarms.length === 1 ? 'alarm' : 'alarms'} ${deployment.alarms.join(', ')}`;
  return `${parts.join(', ')}; ${alarms}`;
}
