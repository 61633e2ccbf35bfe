import { type Lifecycle } from './lifecycle';
import { type EndpointSnapshot, type InferenceComponentSnapshot } from '../resources/resourceSnapshots';

/** The one line a user reads on an endpoint row: "InService · ml.g5.2xlarge · 1/1 inst · 0–2". */
export function describeEndpointRow(endpoint: EndpointSnapshot): string {
  const parts: string[] = [endpoint.status];
  const variant = endpoint.variants[0];
  if (variant) {
    if (variant.instanceType) parts.push(variant.instanceType);
    const current = variant.currentInstanceCount;
    const desired = variant.desiredInstanceCount;
    if (current !== undefined || desired !== undefined) parts.push(`${current ?? '?'}/${desired ?? '?'} inst`);
    const scaling = variant.managedScaling;
    if (scaling?.enabled) parts.push(`${scaling.min ?? '?'}–${scaling.max ?? '?'}`);
  }
  return parts.join(' · ');
}

/** The line on an inference component row: "1/1 copies · Warm". */
export function describeComponentRow(ic: InferenceComponentSnapshot, lifecycle: Lifecycle): string {
  const current = ic.currentCopyCount ?? 0;
  const desired = ic.desiredCopyCount ?? current;
  return `${current}/${desired} ${desired === 1 ? 'copy' : 'copies'} · ${lifecycle.label}`;
}
