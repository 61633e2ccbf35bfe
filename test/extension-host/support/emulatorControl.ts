import * as assert from 'node:assert/strict';

/** The resources of the emulator's account by name (what a user could be billed for or must clean up). */
export interface AccountResources {
  models: string[];
  endpointConfigs: string[];
  endpoints: string[];
  inferenceComponents: string[];
  scalableTargets: string[];
  alarms: string[];
  schedules: string[];
}

/** The emulator's control API (/__emulator/), for tests that drive its clock, faults and state. */
export function emulatorControl(url: () => string) {
  async function control(path: string, method: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${url()}/__emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    assert.equal(response.status, 200, await response.clone().text());
    return response.json();
  }

  async function resources(): Promise<AccountResources> {
    const state = (await control('state', 'GET')) as Record<string, unknown[]>;
    const names = (key: string) =>
      ((state[key] ?? []) as ({ name?: string; resourceId?: string; alarmName?: string } | string)[])
        .map((item) => (typeof item === 'string' ? item : (item.name ?? item.resourceId ?? item.alarmName ?? JSON.stringify(item))))
        .sort();
    return {
      models: names('models'),
      endpointConfigs: names('endpointConfigs'),
      endpoints: names('endpoints'),
      inferenceComponents: names('inferenceComponents'),
      scalableTargets: names('scalableTargets'),
      alarms: names('alarms'),
      schedules: names('schedules'),
    };
  }

  return { control, resources };
}
