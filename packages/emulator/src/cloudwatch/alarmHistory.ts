import { type AlarmRecord, type AlarmState } from './alarmRecords';

/*
 * CloudWatch's alarm history (DescribeAlarmHistory): a ConfigurationUpdate when PutMetricAlarm creates
 * or updates an alarm, a StateUpdate at every state change, an Action for every action the alarm runs,
 * in AWS's wording (HistorySummary `Alarm "<name>" created`, `Alarm updated from OK to ALARM`,
 * `Successfully executed action <arn>`; HistoryData as AWS writes it: docs/emulator.md). Kept 30 days
 * (docs/emulator.md, item 54), also after the alarm is deleted
 * (the model's documentation of DescribeAlarmHistory), and at most `maxItemsPerAlarm` per alarm.
 */

export const historyRetentionMs = 30 * 86_400_000;
/** The most items kept per alarm (the oldest go first): an alarm repeating its scaling action every minute stays bounded. */
export const maxItemsPerAlarm = 10_000;

export type HistoryItemType = 'ConfigurationUpdate' | 'StateUpdate' | 'Action';

export interface AlarmHistoryItem {
  alarmName: string;
  /** Epoch ms. */
  timestamp: number;
  type: HistoryItemType;
  summary: string;
  /** HistoryData: JSON text. */
  data: string;
}

export function isAlarmHistory(value: unknown): value is AlarmHistoryItem[] {
  return Array.isArray(value) && value.every((item) => typeof item?.alarmName === 'string' && typeof item.timestamp === 'number' && typeof item.type === 'string');
}

const parsedOrUndefined = (text: string | undefined): unknown => {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/** The alarm as its ConfigurationUpdate's HistoryData describes it (camel-cased members, as AWS writes them). */
function alarmDocument(alarm: AlarmRecord): Record<string, unknown> {
  return {
    alarmName: alarm.name,
    alarmArn: alarm.arn,
    ...(alarm.description !== undefined ? { alarmDescription: alarm.description } : {}),
    actionsEnabled: alarm.actionsEnabled,
    okActions: alarm.okActions,
    alarmActions: alarm.alarmActions,
    insufficientDataActions: alarm.insufficientDataActions,
    ...(alarm.metrics
      ? { metrics: alarm.metrics }
      : {
          metricName: alarm.metricName,
          namespace: alarm.namespace,
          statistic: alarm.statistic.toUpperCase().replace('SAMPLECOUNT', 'SAMPLE_COUNT'),
          dimensions: alarm.dimensions,
          period: alarm.period,
        }),
    evaluationPeriods: alarm.evaluationPeriods,
    datapointsToAlarm: alarm.datapointsToAlarm,
    threshold: alarm.threshold,
    comparisonOperator: alarm.comparisonOperator,
    treatMissingData: alarm.treatMissingData,
    timeout: null,
  };
}

export class AlarmHistory {
  items: AlarmHistoryItem[] = [];

  private add(item: AlarmHistoryItem): void {
    this.items.push(item);
    this.forget(item.timestamp);
    let count = 0;
    for (const existing of this.items) if (existing.alarmName === item.alarmName) count++;
    if (count > maxItemsPerAlarm) {
      const index = this.items.findIndex((existing) => existing.alarmName === item.alarmName);
      this.items.splice(index, 1);
    }
  }

  /** Drops the items older than the retention at `now`. */
  forget(now: number): void {
    const oldest = now - historyRetentionMs;
    if (this.items.length > 0 && this.items[0].timestamp < oldest) this.items = this.items.filter((item) => item.timestamp >= oldest);
  }

  configurationUpdated(alarm: AlarmRecord, previous: AlarmRecord | undefined, at: number): void {
    this.add({
      alarmName: alarm.name,
      timestamp: at,
      type: 'ConfigurationUpdate',
      summary: `Alarm "${alarm.name}" ${previous ? 'updated' : 'created'}`,
      data: JSON.stringify(
        previous
          ? { type: 'Update', version: '1.0', oldAlarm: alarmDocument(previous), updatedAlarm: alarmDocument(alarm) }
          : { type: 'Create', version: '1.0', createdAlarm: alarmDocument(alarm) },
      ),
    });
  }

  stateUpdated(alarm: AlarmRecord, old: { state: AlarmState; reason: string; reasonData?: string }, at: number): void {
    const state = (value: AlarmState, reason: string, reasonData: string | undefined) => {
      const data = parsedOrUndefined(reasonData);
      return { stateValue: value, stateReason: reason, ...(data !== undefined ? { stateReasonData: data } : {}) };
    };
    this.add({
      alarmName: alarm.name,
      timestamp: at,
      type: 'StateUpdate',
      summary: `Alarm updated from ${old.state} to ${alarm.state}`,
      data: JSON.stringify({ version: '1.0', oldState: state(old.state, old.reason, old.reasonData), newState: state(alarm.state, alarm.stateReason, alarm.stateReasonData) }),
    });
  }

  actionExecuted(alarm: AlarmRecord, actionArn: string, at: number): void {
    this.add({
      alarmName: alarm.name,
      timestamp: at,
      type: 'Action',
      summary: `Successfully executed action ${actionArn}`,
      data: JSON.stringify({ actionState: 'Succeeded', stateUpdateTimestamp: alarm.stateUpdatedAt, notificationResource: actionArn, publishedMessage: null, error: null }),
    });
  }
}
