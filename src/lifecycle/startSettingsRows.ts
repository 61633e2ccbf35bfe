import { type ComponentStartSettings } from '../resources/resourceSnapshots';

/**
 * The inference component's start settings as rows of its tooltip's details table, read back from
 * DescribeInferenceComponent: the StartupParameters timeouts, the data cache and the placement of copies.
 */
export function startSettingsRows(settings: ComponentStartSettings | undefined): { label: string; value: string }[] {
  if (!settings) return [];
  const seconds = (value: number | undefined) => (value === undefined ? 'SageMaker\'s default' : `${value} s`);
  const balance = settings.zoneBalance;
  return [
    {
      label: 'Start timeouts',
      value: `download ${seconds(settings.downloadTimeoutSeconds)}, health check ${seconds(settings.healthCheckTimeoutSeconds)}`,
    },
    { label: 'Data cache', value: settings.caching ? 'on: a copy restarted on its instance skips the download' : 'off' },
    {
      label: 'Placement',
      value: settings.placementStrategy
        ? `${settings.placementStrategy}${balance ? `, zones balanced within ${balance.maxImbalance ?? 0} (${balance.enforcementMode})` : ''}`
        : 'SageMaker\'s default (no SchedulingConfig)',
    },
  ];
}
