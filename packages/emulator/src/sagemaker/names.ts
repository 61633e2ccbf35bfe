/** SageMaker resource names: 1-63 characters, alphanumerics separated by hyphens. */
export const namePattern = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
export const nameRules = { required: true, max: 63, pattern: namePattern } as const;
export const roleArnPattern = /^arn:aws[a-z-]*:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@_/-]+$/;
export const maxResultsRules = { min: 1, max: 100 } as const;
