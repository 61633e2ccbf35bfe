/**
 * The commercial AWS regions the emulator knows, as the extension's `knownRegions`
 * (src/aws/profiles.ts) lists them, each with whether it is an opt-in region: AWS enables the others
 * for every account ("enabled by default"); an opt-in region serves an account only once enabled.
 * Source: AWS Account Management's "Specify which AWS Regions your account can use"
 * (docs.aws.amazon.com/accounts/latest/reference/manage-acct-regions.html).
 */
export const commercialRegions: readonly { code: string; optIn: boolean }[] = [
  { code: 'us-east-1', optIn: false },
  { code: 'us-east-2', optIn: false },
  { code: 'us-west-1', optIn: false },
  { code: 'us-west-2', optIn: false },
  { code: 'af-south-1', optIn: true },
  { code: 'ap-east-1', optIn: true },
  { code: 'ap-south-1', optIn: false },
  { code: 'ap-south-2', optIn: true },
  { code: 'ap-northeast-1', optIn: false },
  { code: 'ap-northeast-2', optIn: false },
  { code: 'ap-northeast-3', optIn: false },
  { code: 'ap-southeast-1', optIn: false },
  { code: 'ap-southeast-2', optIn: false },
  { code: 'ap-southeast-3', optIn: true },
  { code: 'ap-southeast-4', optIn: true },
  { code: 'ca-central-1', optIn: false },
  { code: 'eu-central-1', optIn: false },
  { code: 'eu-central-2', optIn: true },
  { code: 'eu-west-1', optIn: false },
  { code: 'eu-west-2', optIn: false },
  { code: 'eu-west-3', optIn: false },
  { code: 'eu-south-1', optIn: true },
  { code: 'eu-south-2', optIn: true },
  { code: 'eu-north-1', optIn: false },
  { code: 'il-central-1', optIn: true },
  { code: 'me-south-1', optIn: true },
  { code: 'me-central-1', optIn: true },
  { code: 'sa-east-1', optIn: false },
];

/** The regions AWS enables for every account (17). */
export const regionsEnabledByDefault: readonly string[] = commercialRegions.filter((region) => !region.optIn).map((region) => region.code);

export function isOptInRegion(code: string): boolean {
  return commercialRegions.some((region) => region.code === code && region.optIn);
}

export function isKnownRegion(code: string): boolean {
  return commercialRegions.some((region) => region.code === code);
}
