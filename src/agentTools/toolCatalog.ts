import { type AgentTool } from './agentTool';
import { actingTools } from './acting/actingTools';
import { readTools } from './reading/readTools';

/** Every tool the extension contributes (package.json `contributes.languageModelTools`, same names). */
export const agentTools: readonly AgentTool[] = [...readTools, ...actingTools];
