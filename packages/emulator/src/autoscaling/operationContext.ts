import { type AlarmEngine } from '../cloudwatch/alarmEngine';
import { type SageMakerStore } from '../sagemaker/store';
import { type ScalingEngine } from './scalingEngine';

/** What the Application Auto Scaling operation handlers share. */
export interface AutoScalingDeps {
  readonly engine: ScalingEngine;
  readonly alarms: AlarmEngine;
  readonly store: SageMakerStore;
  /** How long activities are kept (the model: six weeks). */
  readonly activityRetentionMs: () => number;
}

/** JSON timestamps are epoch seconds (numbers); an absent time stays absent. */
export function epochSeconds(ms: number): number;
export function epochSeconds(ms: number | undefined): number | undefined;
export function epochSeconds(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : ms / 1000;
}
