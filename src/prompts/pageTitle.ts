import { type StepInfo } from './userInput';

/** How a wizard page shows where it is: the title text, and VS Code's own step counter when exact. */
export interface PageTitle {
  title: string;
  /** Set only when the total is exact; the quick input then adds "(step/totalSteps)" itself. */
  step?: number;
  totalSteps?: number;
}

/**
 * The one place a page's position becomes text. VS Code's quick input renders `step/totalSteps` after
 * the title on its own, so the counter is never also written into the title; an estimated total has
 * no place there, so it is said in words instead: "Enable Scale to Zero (step 1 of about 7)".
 */
export function pageTitle(info: StepInfo): PageTitle {
  if (info.estimated) return { title: `${info.title} (step ${info.step} of about ${info.totalSteps})` };
  return { title: info.title, step: info.step, totalSteps: info.totalSteps };
}
