import { type AgentTool } from '../agentTool';

/** The tools that only read (no confirmation), in the order package.json contributes them. */
export const readTools: readonly AgentTool[] = [];
