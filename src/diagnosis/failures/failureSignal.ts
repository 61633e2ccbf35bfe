import { type EndpointSnapshot, type InferenceComponentSnapshot, type ScalingActivitySnapshot } from '../../resources/resourceSnapshots';

/** What AWS said went wrong, and which field said it: the one message a failure explanation starts from. */
export interface FailureSignal {
  /** Where the message came from: the component's or endpoint's FailureReason, a scaling activity's StatusMessage, or the playground's deadline. */
  source: 'componentFailureReason' | 'endpointFailureReason' | 'scalingActivity' | 'deadline';
  /** The raw AWS message (empty for a deadline with nothing failed). */
  message: string;
  /** The status that carried it: Failed, Unfulfilled, or the component's status at the deadline. */
  status?: string;
  /** When AWS recorded it (the activity's end, the resource's LastModifiedTime). */
  at?: Date;
  /** The scaling activity, when one carried the message. */
  activity?: ScalingActivitySnapshot;
}

/** What the explanation reads: all of it is what the tree (or the playground) already holds. */
export interface FailureInputs {
  component?: InferenceComponentSnapshot;
  endpoint?: EndpointSnapshot;
  /** The component's scaling activities, newest first. */
  activities?: readonly ScalingActivitySnapshot[];
  /** A held playground request gave up at its deadline (seconds it waited). */
  deadline?: { seconds: number };
}

const failedActivityStatuses = new Set(['Failed', 'Unfulfilled']);

/**
 * The failure to explain, most specific first: a Failed component (its FailureReason), then its
 * newest scaling activity when that one failed and the component still has no copy (a later
 * activity, successful or under way, means another try), then a Failed endpoint, then a held request
 * past its deadline. None: nothing failed.
 */
export function findFailureSignal(inputs: FailureInputs): FailureSignal | undefined {
  const { component, endpoint } = inputs;
  if (component?.status === 'Failed') {
    return { source: 'componentFailureReason', message: component.failureReason ?? '', status: 'Failed', at: component.lastModifiedTime };
  }
  // The newest activity only (an older failure was followed by another try), and only while no copy serves.
  const newest = inputs.activities?.[0];
  if (newest && failedActivityStatuses.has(newest.status) && (component?.currentCopyCount ?? 0) === 0) {
    return { source: 'scalingActivity', message: newest.statusMessage ?? newest.description, status: newest.status, at: newest.endTime ?? newest.startTime, activity: newest };
  }
  if (endpoint?.status === 'Failed' || endpoint?.status === 'UpdateRollbackFailed') {
    return { source: 'endpointFailureReason', message: endpoint.failureReason ?? '', status: endpoint.status, at: endpoint.lastModifiedTime };
  }
  if (inputs.deadline) return { source: 'deadline', message: '', status: component?.status };
  return undefined;
}
