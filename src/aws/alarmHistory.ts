import { type AwsClients, loadSdk } from './clients';
import { allPages } from './pagination';

/** One entry of an alarm's history (CloudWatch DescribeAlarmHistory's AlarmHistoryItem). */
export interface AlarmHistoryEntry {
  alarmName: string;
  timestamp: Date;
  type: 'ConfigurationUpdate' | 'StateUpdate' | 'Action' | string;
  summary: string;
  /** `HistoryData` parsed (a StateUpdate's oldState/newState); undefined when absent or not JSON. */
  data?: AlarmHistoryData;
}

/** What a StateUpdate's HistoryData holds, as CloudWatch writes it (only the members read here). */
export interface AlarmHistoryData {
  oldState?: { stateValue?: string; stateReason?: string };
  newState?: {
    stateValue?: string;
    stateReason?: string;
    stateReasonData?: { startDate?: string; evaluatedDatapoints?: { timestamp?: string; value?: number; sampleCount?: number }[]; threshold?: number };
  };
}

function parse(data: string | undefined): AlarmHistoryData | undefined {
  if (!data) return undefined;
  try {
    return JSON.parse(data) as AlarmHistoryData;
  } catch {
    return undefined;
  }
}

/**
 * An alarm's history between two dates, newest first (CloudWatch keeps 30 days of it): its state
 * changes, configuration updates and actions.
 */
export async function readAlarmHistory(clients: AwsClients, alarmName: string, range: { from: Date; to: Date }): Promise<AlarmHistoryEntry[]> {
  const sdk = await loadSdk();
  const pages = sdk.paginateDescribeAlarmHistory(
    { client: clients.cloudWatch },
    { AlarmName: alarmName, StartDate: range.from, EndDate: range.to, MaxRecords: 100, ScanBy: 'TimestampDescending' },
  );
  const items = await allPages(pages, (page) => page.AlarmHistoryItems, { what: 'DescribeAlarmHistory' });
  return items
    .map((item) => ({
      alarmName: item.AlarmName ?? alarmName,
      timestamp: item.Timestamp ?? new Date(0),
      type: item.HistoryItemType ?? 'Unknown',
      summary: item.HistorySummary ?? '',
      data: parse(item.HistoryData),
    }))
    .sort((a, b) => b.timestamp.getTime() - a.timestamp.getTime());
}
