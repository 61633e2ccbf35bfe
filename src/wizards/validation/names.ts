/**
 * Resource names with the services' own rules, and the messages that say them in words. Each
 * validator returns the message, or undefined when the value is valid.
 */

const sageMakerName = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

export function validateSageMakerName(value: string, what: string): string | undefined {
  if (value.length === 0) return `Enter a name for the ${what}.`;
  if (value.length > 63) return `The ${what} name is ${value.length} characters long: SageMaker allows at most 63.`;
  if (!sageMakerName.test(value)) {
    return `The ${what} name may contain only letters, digits and hyphens, and must start and end with a letter or digit.`;
  }
  return undefined;
}

/** A name already in the account (SageMaker names are case-insensitive for uniqueness). */
export function duplicateNameCheck(existing: Iterable<string>, what: string): (value: string) => string | undefined {
  const taken = new Set([...existing].map((name) => name.toLowerCase()));
  return (value) => (taken.has(value.toLowerCase()) ? `A ${what} named ${value} already exists in this account and region.` : undefined);
}

const scheduleName = /^[0-9a-zA-Z-_.]+$/;

export function validateScheduleName(value: string): string | undefined {
  if (value.length === 0) return 'Enter a name for the schedule.';
  if (value.length > 64) return `The schedule name is ${value.length} characters long: EventBridge Scheduler allows at most 64.`;
  if (!scheduleName.test(value)) return 'The schedule name may contain only letters, digits, hyphens, underscores and periods.';
  return undefined;
}

/** Application Auto Scaling scheduled action names: 1–256 characters, no colon, slash or pipe, no control characters, no surrounding spaces. */
export function validateScheduledActionName(value: string): string | undefined {
  if (value.length === 0) return 'Enter a name for the scheduled action.';
  if (value.length > 256) return `The scheduled action name is ${value.length} characters long: at most 256 are allowed.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f:/|]/.test(value)) return 'The scheduled action name may not contain ":", "/", "|" or control characters.';
  if (value.trim() !== value) return 'The scheduled action name may not start or end with a space.';
  return undefined;
}

/**
 * A SageMaker name derived from another ("my-endpoint" → "my-endpoint-config"), at most 63 characters
 * and not taken in the account: "-config-2", "-config-3"… when it is.
 */
export function derivedSageMakerName(base: string, suffix: string, existing: Iterable<string>): string {
  const taken = new Set([...existing].map((name) => name.toLowerCase()));
  for (let attempt = 1; ; attempt++) {
    const ending = attempt === 1 ? suffix : `${suffix}-${attempt}`;
    const name = `${base.slice(0, 63 - ending.length)}${ending}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}
