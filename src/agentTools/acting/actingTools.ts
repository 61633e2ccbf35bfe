import { type AgentTool } from '../agentTool';
import { enableScaleToZeroTool } from './enableScaleToZero';
import { scheduleWeekendSleepTool } from './scheduleWeekendSleep';
import { sleepComponentTool } from './sleepComponent';
import { wakeComponentTool } from './wakeComponent';

/** The tools that change the account (each after its confirmation), in the order package.json contributes them. */
export const actingTools: readonly AgentTool[] = [
  wakeComponentTool,
  sleepComponentTool,
  enableScaleToZeroTool,
  scheduleWeekendSleepTool,
];
