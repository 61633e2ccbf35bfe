import { validationException } from '../http/serviceError';
import { JsonReader, type JsonObject } from '../protocols/jsonReader';
import { type JsonRpcHandler } from '../services/service';
import { listPage, readListRequest } from './listing';
import { nameRules, roleArnPattern } from './names';
import { epochSeconds, type SageMakerDeps } from './operationContext';
import { readTags } from './tagsInput';

const echoedMembers = ['PrimaryContainer', 'Containers', 'InferenceExecutionConfig', 'VpcConfig', 'EnableNetworkIsolation'];

/** CreateModel, DescribeModel, ListModels, DeleteModel. */
export function modelOperations({ store }: SageMakerDeps): Record<string, JsonRpcHandler> {
  return {
    CreateModel: (body, context) => {
      const input = JsonReader.of(body);
      const name = input.string('ModelName', nameRules) ?? '';
      const executionRoleArn = input.string('ExecutionRoleArn', { min: 20, max: 2048, pattern: roleArnPattern });
      const primary = input.object('PrimaryContainer');
      primary?.string('Image', { max: 255 });
      primary?.string('ModelDataUrl', { max: 1024 });
      primary?.stringMap('Environment');
      const containers = input.objectList('Containers', { max: 15 });
      input.boolean('EnableNetworkIsolation');
      const tags = readTags(input);
      input.finish();
      if (!primary && !containers) {
        throw validationException('Either PrimaryContainer or Containers must be specified.');
      }
      if (store.model(name)) throw validationException(`Cannot create already existing model "${store.arn('model', name)}".`);
      const document: JsonObject = {};
      for (const member of echoedMembers) if (body[member] !== undefined) document[member] = body[member];
      const arn = store.arn('model', name);
      store.state.models.push({ name, arn, creationTime: context.now(), executionRoleArn, document, tags });
      return { ModelArn: arn };
    },

    DescribeModel: (body) => {
      const input = JsonReader.of(body);
      const name = input.string('ModelName', nameRules) ?? '';
      input.finish();
      const model = store.requireModel(name);
      return {
        ModelName: model.name,
        ModelArn: model.arn,
        CreationTime: epochSeconds(model.creationTime),
        ...(model.executionRoleArn ? { ExecutionRoleArn: model.executionRoleArn } : {}),
        ...model.document,
      };
    },

    ListModels: (body) => {
      const input = JsonReader.of(body);
      const request = readListRequest(input, ['Name', 'CreationTime']);
      input.finish();
      const { page, nextToken } = listPage(store.state.models, request);
      return {
        Models: page.map((model) => ({ ModelName: model.name, ModelArn: model.arn, CreationTime: epochSeconds(model.creationTime) })),
        ...(nextToken ? { NextToken: nextToken } : {}),
      };
    },

    DeleteModel: (body) => {
      const input = JsonReader.of(body);
      const name = input.string('ModelName', nameRules) ?? '';
      input.finish();
      const model = store.requireModel(name);
      store.state.models.splice(store.state.models.indexOf(model), 1);
      return {};
    },
  };
}
