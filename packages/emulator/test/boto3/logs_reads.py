"""boto3 against the emulator's CloudWatch Logs: its paginators and a missing group's error.

    python3 logs_reads.py <log group name>

Run with AWS_ENDPOINT_URL set to the emulator. Prints one JSON object.
"""
import json
import sys

import boto3
from botocore.exceptions import ClientError


def main(group):
    client = boto3.session.Session().client('logs')
    groups = [g['logGroupName'] for page in client.get_paginator('describe_log_groups').paginate(logGroupNamePrefix='/aws/sagemaker/') for g in page['logGroups']]
    streams = [s['logStreamName'] for page in client.get_paginator('describe_log_streams').paginate(logGroupName=group, orderBy='LastEventTime', descending=True)
               for s in page['logStreams']]
    pages = 0
    filtered = []
    for page in client.get_paginator('filter_log_events').paginate(logGroupName=group, PaginationConfig={'PageSize': 10}):
        pages += 1
        filtered.extend(event['message'] for event in page['events'])
    missing = []
    try:
        client.filter_log_events(logGroupName=group + '-missing')
    except ClientError as error:
        missing = [error.response['Error']['Code'], error.response['Error']['Message']]
    print(json.dumps({'groups': groups, 'streams': streams, 'filtered': filtered, 'pages': pages, 'missing': missing}))


if __name__ == '__main__':
    main(sys.argv[1])
