import { JsonReader, type JsonObject } from '../protocols/jsonReader';
import { type JsonRpcHandler } from '../services/service';
import { epochSeconds, type AutoScalingDeps } from './operationContext';
import { readPage } from './pagination';
import { type ScalingActivityRecord } from './records';
import { readTargetFilter } from './targetKeys';

/**
 * DescribeScalingActivities: settles the activities first, so a finished scaling reads Successful, and
 * forgets those older than the retention ("the previous six weeks", the model says).
 */
export function scalingActivityOperations({ engine, activityRetentionMs }: AutoScalingDeps): Record<string, JsonRpcHandler> {
  return {
    DescribeScalingActivities: (body, context) => {
      const input = JsonReader.of(body);
      const matches = readTargetFilter(input);
      input.boolean('IncludeNotScaledActivities');
      const now = context.now();
      engine.settle(now);
      const oldest = now - activityRetentionMs();
      engine.state.activities = engine.state.activities.filter((activity) => activity.startTime >= oldest);
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
