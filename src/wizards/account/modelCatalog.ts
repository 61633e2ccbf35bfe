import type {
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  paginateListEndpointConfigs,
  paginateListModels,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { allPages } from '../../aws/pagination';

export interface ModelInfo {
  name: string;
  executionRoleArn?: string;
  image?: string;
  creationTime?: Date;
}

/**
 * What wizard 1 reads beyond the AccountReader: the account's models (to pick one, and to refuse a
 * duplicate name), endpoint config names, and the execution roles already in use.
 */
export interface ModelCatalog {
  listModels(): Promise<ModelInfo[]>;
  listEndpointConfigNames(): Promise<string[]>;
  /** Role ARNs read from existing models and endpoint configs, without duplicates. */
  listExecutionRoleArns(): Promise<string[]>;
}

/** The SDK commands and paginators the catalog uses: pass `await loadSdk()`, or the SDK module itself. */
export interface ModelCatalogCommands {
  paginateListModels: typeof paginateListModels;
  DescribeModelCommand: typeof DescribeModelCommand;
  paginateListEndpointConfigs: typeof paginateListEndpointConfigs;
  DescribeEndpointConfigCommand: typeof DescribeEndpointConfigCommand;
}

/** Reads the catalog with the SDK, following every page; role ARNs from at most `describeLimit` models and configs. */
export function createModelCatalog(
  // The client itself, not just `send`: the SDK's paginators check that it is a SageMakerClient.
  client: SageMakerClient,
  commands: ModelCatalogCommands,
  options: { describeLimit?: number } = {},
): ModelCatalog {
  const limit = options.describeLimit ?? 50;
  let models: Promise<ModelInfo[]> | undefined;
  let configs: Promise<string[]> | undefined;

  const readModels = async (): Promise<ModelInfo[]> => {
    const models = await allPages(
      commands.paginateListModels({ client }, { MaxResults: 100, SortBy: 'CreationTime', SortOrder: 'Descending' }),
      (page) => page.Models,
    );
    const names = models.map((model) => ({ name: model.ModelName ?? '', creationTime: model.CreationTime }));
    return Promise.all(
      names.map(async (model, index) => {
        if (index >= limit) return model;
        const described = await client.send(new commands.DescribeModelCommand({ ModelName: model.name }));
        return { ...model, executionRoleArn: described.ExecutionRoleArn, image: described.PrimaryContainer?.Image ?? described.Containers?.[0]?.Image };
      }),
    );
  };

  const readConfigs = async (): Promise<string[]> => {
    const configs = await allPages(
      commands.paginateListEndpointConfigs({ client }, { MaxResults: 100 }),
      (page) => page.EndpointConfigs,
    );
    return configs.map((config) => config.EndpointConfigName ?? '');
  };

  return {
    listModels: () => (models ??= readModels()),
    listEndpointConfigNames: () => (configs ??= readConfigs()),
    async listExecutionRoleArns() {
      const [modelList, configNames] = await Promise.all([this.listModels(), this.listEndpointConfigNames()]);
      const configRoles = await Promise.all(
        configNames.slice(0, limit).map(async (name) => {
          const config = await client.send(new commands.DescribeEndpointConfigCommand({ EndpointConfigName: name }));
          return config.ExecutionRoleArn;
        }),
      );
      const roles = [...modelList.map((model) => model.executionRoleArn), ...configRoles].filter((arn): arn is string => !!arn);
      return [...new Set(roles)].sort();
    },
  };
}
