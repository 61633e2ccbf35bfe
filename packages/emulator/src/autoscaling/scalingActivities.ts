import { JsonReader, type JsonObject } from '../protocols/jsonReader';
import { type JsonRpcHandler } from '../services/service';
import { epochSeconds, type AutoScalingDeps } from './operationContext';
import { readPage } from './pagination';
import { type ScalingActivityRecord } from './records';
import { readTargetFilter } from './targetKeys';

/** DescribeScalingActivities: settles the activities first, so a finished scaling reads Successful. */
export function scalingActivityOperations({ engine }: AutoScalingDeps): Record<string, JsonRpcHandler> {
  return {
    DescribeScalingActivities: (body, context) => {
      const input = JsonReader.of(body);
      const matches = readTargetFilter(input);
      input.boolean('IncludeNotScaledActivities');
      engine.settle(context.now());
      const items = engine.state.activities.filter(matches);
      const { slice, next } = readPage(items, input);
      return { ScalingActivities: slice.map(describeActivity), ...(next ? { NextToken: next } : {}) };
    },
  };
}

function describeActivity(a: ScalingActivityRecord): JsonObject {
  return {
    ActivityId: a.activityId,
    ServiceNamespace: a.serviceNamespace,
    ResourceId: a.resourceId,
    ScalableDimension: a.scalableDimension,
    Description: a.description,
    Cause: a.cause,
    StartTime: epochSeconds(a.startTime),
    ...(a.endTime !== undefined ? { EndTime: epochSeconds(a.endTime) } : {}),
    StatusCode: a.statusCode,
    ...(a.statusMessage ? { StatusMessage: a.statusMessage } : {}),
  };
}
