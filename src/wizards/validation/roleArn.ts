const roleArn = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/** An IAM role ARN as SageMaker and EventBridge Scheduler accept it. */
export function validateRoleArn(value: string): string | undefined {
  if (value.length === 0) return 'Enter an IAM role ARN.';
  if (!value.startsWith('arn:')) return 'Enter the role\'s ARN (arn:aws:iam::123456789012:role/Name), not its name.';
  if (value.length > 2048) return 'The role ARN is longer than 2048 characters.';
  if (!roleArn.test(value)) return 'This is not an IAM role ARN: expected arn:aws:iam::<12-digit account>:role/<name>.';
  return undefined;
}
