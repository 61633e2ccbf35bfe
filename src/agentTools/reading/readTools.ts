import { type AgentTool } from '../agentTool';
import { getCost } from './getCost';
import { getReadiness } from './getReadiness';
import { getRecentWakes } from './getRecentWakes';
import { listEndpoints } from './listEndpoints';
import { listSchedules } from './listSchedules';

/** The tools that only read (no confirmation), in the order package.json contributes them. */
export const readTools: readonly AgentTool[] = [listEndpoints, getReadiness, getCost, getRecentWakes, listSchedules];
