"""boto3 against the emulator's CloudWatch over each protocol of the model (a second real client).

    python3 cloudwatch_protocols.py json smithy-rpc-v2-cbor query

Run with AWS_ENDPOINT_URL set to the emulator. botocore 1.43 picks 'json' for CloudWatch (its own
priority order, PRIORITY_ORDERED_SUPPORTED_PROTOCOLS, puts json before smithy-rpc-v2-cbor, whatever
the order of the model's `protocols`); to drive the other two, this script narrows that order before
it creates each client. Prints one JSON object: per protocol, the serializer used and what came back.
"""
import json
import sys
from datetime import datetime, timezone

import botocore.model
import boto3
from botocore.exceptions import ClientError


def flow(protocol, index):
    botocore.model.PRIORITY_ORDERED_SUPPORTED_PROTOCOLS = (protocol,)
    client = boto3.session.Session().client('cloudwatch')
    name = f'boto3-{index}'
    dims = [{'Name': 'InferenceComponentName', 'Value': 'ic'}]
    client.put_metric_alarm(AlarmName=name, MetricName='Invocations', Namespace='AWS/SageMaker', Statistic='Maximum', Dimensions=dims,
                            Period=30, EvaluationPeriods=2, DatapointsToAlarm=1, Threshold=1.5, ComparisonOperator='GreaterThanOrEqualToThreshold',
                            TreatMissingData='notBreaching', AlarmActions=['arn:aws:sns:us-east-1:123456789012:topic'])
    alarm = client.describe_alarms(AlarmNames=[name])['MetricAlarms'][0]
    client.set_alarm_state(AlarmName=name, StateValue='ALARM', StateReason='boto3')
    state = client.describe_alarms(AlarmNames=[name], StateValue='ALARM')['MetricAlarms'][0]['StateValue']
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    end = datetime(2025, 1, 1, 0, 5, tzinfo=timezone.utc)
    stats = client.get_metric_statistics(Namespace='Test/Custom', MetricName='Load', Dimensions=[{'Name': 'A', 'Value': '1'}], StartTime=start, EndTime=end,
                                         Period=60, Statistics=['Sum', 'Maximum', 'SampleCount'])
    data = client.get_metric_data(StartTime=start, EndTime=end, MetricDataQueries=[
        {'Id': 'load', 'MetricStat': {'Metric': {'Namespace': 'Test/Custom', 'MetricName': 'Load', 'Dimensions': [{'Name': 'A', 'Value': '1'}]}, 'Period': 60, 'Stat': 'Sum'}}])
    listed = client.list_metrics(Namespace='Test/Custom')['Metrics']
    errors = {}
    try:
        client.delete_alarms(AlarmNames=[name, 'boto3-no-such-alarm'])
    except ClientError as error:
        errors['DeleteAlarms'] = [error.response['Error']['Code'], error.response['ResponseMetadata']['HTTPStatusCode']]
    try:
        client.get_metric_statistics(Namespace='Test/Custom', MetricName='Load', StartTime=start, EndTime=end, Period=45, Statistics=['Sum'])
    except ClientError as error:
        errors['Period45'] = [error.response['Error']['Code'], error.response['ResponseMetadata']['HTTPStatusCode'], error.response['Error']['Message']]
    left = [a['AlarmName'] for a in client.describe_alarms(AlarmNamePrefix=name)['MetricAlarms']]
    return {
        'serializer': type(client._serializer._serializer).__name__,
        'alarm': {key: alarm[key] for key in ['AlarmName', 'Threshold', 'Period', 'EvaluationPeriods', 'DatapointsToAlarm', 'Statistic', 'Dimensions',
                                              'ActionsEnabled', 'AlarmActions', 'TreatMissingData', 'StateValue']},
        'updatedIsDate': isinstance(alarm['AlarmConfigurationUpdatedTimestamp'], datetime),
        'stateAfterSet': state,
        'datapoints': sorted([[p['Timestamp'].isoformat(), p['Sum'], p['Maximum'], p['SampleCount'], p['Unit']] for p in stats['Datapoints']]),
        'metricData': [[t.isoformat(), v] for t, v in zip(data['MetricDataResults'][0]['Timestamps'], data['MetricDataResults'][0]['Values'])],
        'listed': sorted(m['MetricName'] for m in listed),
        'errors': errors,
        'leftAfterDelete': left,
    }


print(json.dumps({protocol: flow(protocol, index) for index, protocol in enumerate(sys.argv[1:])}))
