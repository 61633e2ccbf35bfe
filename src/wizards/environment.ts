import { type AccountReader } from '../aws/accountReader';
import { type SchedulerRoleListing } from '../aws/schedulerRoles';
import { type ModelCatalog } from './account/modelCatalog';
import { type UserInput } from '../prompts/userInput';
import { type PriceOverrides } from '../cost/pricing';

/** Everything a wizard needs from outside: the questions, the account, the clock and the machine's zone. */
export interface WizardEnvironment {
  ui: UserInput;
  reader: AccountReader;
  region: string;
  now(): Date;
  /** The IANA zone offered first by the schedule wizard (the machine's). */
  defaultTimeZone: string;
  /**
   * The principals a role trusts (its trust policy's Service principals), or undefined when the caller
   * may not read it. Absent: the trust is not checked.
   */
  readRoleTrust?(roleArn: string): Promise<string[] | undefined>;
  /**
   * The account's roles that trust scheduler.amazonaws.com, marked when an inline policy allows
   * `permission`. Absent: the schedule wizard asks for the role's ARN only.
   */
  listSchedulerRoles?(permission: { action: string; resource: string }): Promise<SchedulerRoleListing>;
  /** The user's own instance prices (setting), over the built-in table. Absent: the table only. */
  priceOverrides?: PriceOverrides;
  /** Models, endpoint configs and execution roles. Absent: wizard 1 only creates a new model and roles are typed. */
  models?: ModelCatalog;
}
