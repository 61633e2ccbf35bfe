import { JsonReader } from '../protocols/jsonReader';
import { type JsonRpcHandler } from '../services/service';
import { type AlarmEngine } from './alarmEngine';
import { decodeToken, encodeToken } from './pageTokens';

/**
 * DescribeAlarmHistory: one alarm's items or every metric alarm's, of one type, between two dates,
 * newest first unless ScanBy says TimestampAscending, MaxRecords (default 50) a page with NextToken.
 * Composite alarms are not emulated, so asking for them alone answers no item.
 */
export function alarmHistoryOperations(engine: AlarmEngine): Record<string, JsonRpcHandler> {
  return {
    DescribeAlarmHistory: (body, context) => {
      const input = JsonReader.of(body);
      const name = input.string('AlarmName', { min: 1, max: 255 });
      input.string('AlarmContributorId', { min: 1, max: 16 });
      const types = input.stringList('AlarmTypes', { each: { enum: ['CompositeAlarm', 'MetricAlarm'] } });
      const itemType = input.string('HistoryItemType');
      const startDate = input.timestamp('StartDate');
      const endDate = input.timestamp('EndDate');
      const maxRecords = input.integer('MaxRecords', { min: 1, max: 100 }) ?? 50;
      const token = input.string('NextToken');
      const ascending = input.string('ScanBy') === 'TimestampAscending';
      input.finish();
      engine.history.forget(context.now());
      const wantMetric = !types || types.length === 0 || types.includes('MetricAlarm');
      const matching = wantMetric
        ? engine.history.items.filter(
            (item) =>
              (name === undefined || item.alarmName === name) &&
              (itemType === undefined || item.type === itemType) &&
              (startDate === undefined || item.timestamp >= startDate) &&
              (endDate === undefined || item.timestamp <= endDate),
          )
        : [];
      // Items are kept in the order they happened; a stable sort keeps that order among equal times.
      const ordered = ascending ? matching : [...matching].reverse();
      const start = token === undefined ? 0 : decodeToken(token);
      const page = ordered.slice(start, start + maxRecords);
      const next = start + maxRecords < ordered.length ? encodeToken(start + maxRecords) : undefined;
      return {
        AlarmHistoryItems: page.map((item) => ({
          AlarmName: item.alarmName,
          AlarmType: 'MetricAlarm',
          Timestamp: item.timestamp / 1000,
          HistoryItemType: item.type,
          HistorySummary: item.summary,
          HistoryData: item.data,
        })),
        ...(next ? { NextToken: next } : {}),
      };
    },
  };
}
