import { validationException } from '../http/serviceError';
import { JsonReader } from '../protocols/jsonReader';
import { type JsonRpcHandler } from '../services/service';
import { pageOf } from './listing';
import { type Tag } from './records';
import { type SageMakerStore } from './store';
import { type SageMakerDeps } from './operationContext';
import { mergeTags, readTags } from './tagsInput';

const arnRules = { required: true, max: 256, pattern: /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:.+$/ } as const;

/** AddTags, ListTags, DeleteTags on models, endpoint configs, endpoints and inference components. */
export function tagOperations({ store }: SageMakerDeps): Record<string, JsonRpcHandler> {
  return {
    AddTags: (body) => {
      const input = JsonReader.of(body);
      const arn = input.string('ResourceArn', arnRules) ?? '';
      const tags = readTags(input, 'Tags', true);
      input.finish();
      const resource = taggable(store, arn);
      resource.tags = mergeTags(resource.tags, tags);
      return { Tags: resource.tags };
    },

    ListTags: (body) => {
      const input = JsonReader.of(body);
      const arn = input.string('ResourceArn', arnRules) ?? '';
      const maxResults = input.integer('MaxResults', { min: 50, max: 100 }) ?? 50;
      const nextToken = input.string('NextToken', { max: 8192 });
      input.finish();
      const { page, nextToken: next } = pageOf(taggable(store, arn).tags, maxResults, nextToken);
      return { Tags: page, ...(next ? { NextToken: next } : {}) };
    },

    DeleteTags: (body) => {
      const input = JsonReader.of(body);
      const arn = input.string('ResourceArn', arnRules) ?? '';
      const keys = input.stringList('TagKeys', { required: true, min: 1, max: 50 }) ?? [];
      input.finish();
      const resource = taggable(store, arn);
      resource.tags = resource.tags.filter((tag) => !keys.includes(tag.Key));
      return {};
    },
  };
}

function taggable(store: SageMakerStore, arn: string): { tags: Tag[] } {
  const state = store.state;
  const lower = arn.toLowerCase();
  const all: { arn: string; tags: Tag[] }[] = [...state.models, ...state.endpointConfigs, ...state.endpoints, ...state.inferenceComponents];
  const found = all.find((resource) => resource.arn.toLowerCase() === lower);
  if (!found) throw validationException(`Could not find resource "${arn}".`);
  return found;
}
