import { type UserInput } from '../prompts/userInput';
import { AgentToolError } from './toolRunner';

/**
 * The `UserInput` a tool's plan builders get: tools ask nothing (the agent gave every answer in the
 * input, and the user answers only the confirmation), so any question fails, naming the wizard that asks it.
 */
export function noQuestions(toolName: string): UserInput {
  const refuse = (what: string): never => {
    throw new AgentToolError(`${toolName} cannot ask the user (${what}): run the matching wizard from the Command Palette instead.`);
  };
  return {
    pick: (options) => refuse(options.title),
    pickMany: (options) => refuse(options.title),
    input: (options) => refuse(options.title),
    confirm: (options) => refuse(options.message),
    saveLocation: (options) => refuse(options.title),
    pickPage: (step) => refuse(step.title),
    pickManyPage: (step) => refuse(step.title),
    inputPage: (step) => refuse(step.title),
    reviewPage: (step) => refuse(step.title),
  };
}
