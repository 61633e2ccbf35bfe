/**
 * The IAM policy an execution role needs to pull a model's image from Amazon ECR or download its data
 * from Amazon S3 (the permissions SageMaker's execution role documentation lists), scoped to the one
 * repository or bucket named.
 */
export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: string | string[] }[];
}

/** `arn:aws:ecr:<region>:<account>:repository/<name>` from `<account>.dkr.ecr.<region>.amazonaws.com/<name>:<tag>`; undefined for other registries. */
export function ecrRepositoryArn(image: string): string | undefined {
  const match = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\/([^:@\s]+)/.exec(image);
  if (!match) return undefined;
  const [, account, region, china, repository] = match;
  const partition = china ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  return `arn:${partition}:ecr:${region}:${account}:repository/${repository}`;
}

/** The bucket and key prefix of an `s3://bucket/key` URL. */
export function s3Location(url: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/\s]+)\/?(.*)$/.exec(url);
  return match ? { bucket: match[1], key: match[2] } : undefined;
}

/** The statements to add for an image (ECR) or model data (S3); undefined when the location is not one of those. */
export function downloadPolicy(target: { image?: string; s3Url?: string }): PolicyDocument | undefined {
  if (target.image !== undefined) {
    const repository = ecrRepositoryArn(target.image);
    if (!repository) return undefined;
    return {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'PullModelImage', Effect: 'Allow', Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'], Resource: repository },
        // GetAuthorizationToken is account-wide: it takes no resource but "*".
        { Sid: 'ReadEcrToken', Effect: 'Allow', Action: ['ecr:GetAuthorizationToken'], Resource: '*' },
      ],
    };
  }
  const location = target.s3Url ? s3Location(target.s3Url) : undefined;
  if (!location) return undefined;
  const prefix = location.key.replace(/\/$/, '');
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ReadModelData', Effect: 'Allow', Action: ['s3:GetObject'], Resource: `arn:aws:s3:::${location.bucket}/${prefix ? `${prefix}*` : '*'}` },
      { Sid: 'ListModelData', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: `arn:aws:s3:::${location.bucket}` },
    ],
  };
}
