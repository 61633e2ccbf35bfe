/** SageMaker ARNs carry the resource name in lower case. */
export function sageMakerArn(region: string, accountId: string, resourceType: string, name: string): string {
  return `arn:aws:sagemaker:${region}:${accountId}:${resourceType}/${name.toLowerCase()}`;
}

export interface ArnParts {
  resourceType: string;
  name: string;
}

export function parseSageMakerArn(arn: string): ArnParts | undefined {
  const match = /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:\d{12}:([a-z-]+)\/(.+)$/.exec(arn);
  return match ? { resourceType: match[1], name: match[2] } : undefined;
}
