"""The blog's scale-to-zero flow driven by boto3 alone (a second real client of the emulator).

    AWS_ENDPOINT_URL=http://127.0.0.1:PORT python3 blog_flow.py

Creates the five resources of the blog (model, endpoint config with MinInstanceCount 0, endpoint,
inference component with one copy, scalable target with MinCapacity 0 + target tracking + step
scaling, the NoCapacityInvocationFailures alarm aimed at the step policy), lets the component idle
until target tracking scales it in to zero copies and instances, sends one request (refused with
the no-capacity ValidationError), waits for the step policy to wake it and for a request to succeed,
adds EventBridge Scheduler schedules (with their IAM role), then tears everything down in the safe
order and checks that nothing is left.

Time: the emulator's virtual clock is moved with its control API (POST /__emulator/clock), so the
hour of simulated time takes seconds. Every call goes through boto3 (botocore validates requests
and parses answers against AWS's models). Prints one JSON line on success; any unexpected answer
raises, and the exit status is non-zero.
"""
import json
import os
import sys
import urllib.request

import boto3
from botocore.exceptions import ClientError

ENDPOINT_URL = os.environ['AWS_ENDPOINT_URL']
ACCOUNT = '123456789012'
SAGEMAKER_ROLE = f'arn:aws:iam::{ACCOUNT}:role/SageMakerRole'
MODEL, CONFIG, ENDPOINT, IC = 'boto3-model', 'boto3-ep-cfg', 'boto3-ep', 'boto3-ic'
RESOURCE_ID = f'inference-component/{IC}'
DIMENSION = 'sagemaker:inference-component:DesiredCopyCount'
TARGET = {'ServiceNamespace': 'sagemaker', 'ResourceId': RESOURCE_ID, 'ScalableDimension': DIMENSION}
ALARM = f'{IC}-step-scaling-policy-alarm'
SCHEDULER_ROLE = 'boto3-scheduler-role'
SCHEDULES = {'boto3-scale-to-zero-friday': ('cron(00 18 ? * 6 *)', 0), 'boto3-scale-up-monday': ('cron(00 08 ? * 2 *)', 1)}
NO_CAPACITY = ('Inference Component has no capacity to process this request. ApplicationAutoScaling may be in-progress '
               '(if configured) or try to increase the capacity by invoking UpdateInferenceComponentRuntimeConfig API.')

steps = []
errors = []
clock = {'advanced': 0}


class Unexpected(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise Unexpected(message)


def step(name):
    steps.append(name)


def advance(seconds):
    """Moves the emulator's virtual clock (processing every timed event in order)."""
    request = urllib.request.Request(f'{ENDPOINT_URL}/__emulator/clock', method='POST', data=json.dumps({'advanceSeconds': seconds}).encode(),
                                     headers={'content-type': 'application/json'})
    with urllib.request.urlopen(request) as response:
        expect(response.status == 200, f'clock advance answered {response.status}')
    clock['advanced'] += seconds


def until(what, done, limit_seconds, interval=10):
    """Polls `done` (moving the clock `interval` seconds between polls); returns the simulated seconds it took."""
    elapsed = 0
    while elapsed <= limit_seconds:
        if done():
            return elapsed
        advance(interval)
        elapsed += interval
    raise Unexpected(f'{what}: not reached within {limit_seconds} simulated seconds')


def refused(call, code, status):
    """Runs a call that must fail with `code`/`status`; returns the error message."""
    try:
        call()
    except ClientError as error:
        got = (error.response['Error']['Code'], error.response['ResponseMetadata']['HTTPStatusCode'])
        expect(got == (code, status), f'expected {code} {status}, got {got}: {error}')
        errors.append([error.operation_name, code, status])
        return error.response['Error']['Message']
    raise Unexpected(f'expected {code} {status}, the call succeeded')


def gone(describe):
    """True when a describe answers that the resource does not exist (SageMaker: ValidationException 'Could not find')."""
    try:
        describe()
        return False
    except ClientError as error:
        expect(error.response['Error']['Code'] == 'ValidationException' and 'Could not find' in error.response['Error']['Message'], f'unexpected {error}')
        return True


def main():
    session = boto3.session.Session()
    sm = session.client('sagemaker')
    runtime = session.client('sagemaker-runtime')
    aas = session.client('application-autoscaling')
    cw = session.client('cloudwatch')
    scheduler = session.client('scheduler')
    iam = session.client('iam')

    # 1. Model, endpoint config (min 0 instances), endpoint.
    sm.create_model(ModelName=MODEL, ExecutionRoleArn=SAGEMAKER_ROLE, PrimaryContainer={'Image': 'image:latest'})
    step('CreateModel')
    sm.create_endpoint_config(EndpointConfigName=CONFIG, ExecutionRoleArn=SAGEMAKER_ROLE, ProductionVariants=[{
        'VariantName': 'AllTraffic', 'InstanceType': 'ml.g5.2xlarge', 'InitialInstanceCount': 1,
        'ManagedInstanceScaling': {'Status': 'ENABLED', 'MinInstanceCount': 0, 'MaxInstanceCount': 2},
        'RoutingConfig': {'RoutingStrategy': 'LEAST_OUTSTANDING_REQUESTS'},
    }])
    step('CreateEndpointConfig')
    sm.create_endpoint(EndpointName=ENDPOINT, EndpointConfigName=CONFIG)
    expect(sm.describe_endpoint(EndpointName=ENDPOINT)['EndpointStatus'] == 'Creating', 'endpoint not Creating')
    until('endpoint InService', lambda: sm.describe_endpoint(EndpointName=ENDPOINT)['EndpointStatus'] == 'InService', 900)
    step('CreateEndpoint:InService')

    # 2. Inference component with one copy.
    sm.create_inference_component(InferenceComponentName=IC, EndpointName=ENDPOINT, VariantName='AllTraffic', Specification={
        'ModelName': MODEL, 'ComputeResourceRequirements': {'MinMemoryRequiredInMb': 1024, 'NumberOfAcceleratorDevicesRequired': 1},
    }, RuntimeConfig={'CopyCount': 1})
    describe_ic = lambda: sm.describe_inference_component(InferenceComponentName=IC)
    until('inference component InService with 1 copy',
          lambda: (lambda ic: ic['InferenceComponentStatus'] == 'InService' and ic['RuntimeConfig']['CurrentCopyCount'] == 1)(describe_ic()), 900)
    step('CreateInferenceComponent:InService')

    # 3. Auto scaling: target (min 0), target tracking, step scaling; the NoCapacity alarm on the step policy.
    aas.register_scalable_target(**TARGET, MinCapacity=0, MaxCapacity=2)
    step('RegisterScalableTarget')
    tracking = aas.put_scaling_policy(**TARGET, PolicyName='inference-component-target-tracking-scaling-policy', PolicyType='TargetTrackingScaling',
                                      TargetTrackingScalingPolicyConfiguration={
                                          'PredefinedMetricSpecification': {'PredefinedMetricType': 'SageMakerInferenceComponentConcurrentRequestsPerCopyHighResolution'},
                                          'TargetValue': 5.0, 'ScaleInCooldown': 300, 'ScaleOutCooldown': 300})
    expect(len(tracking['Alarms']) == 2, f'target tracking created {len(tracking["Alarms"])} alarms')
    step('PutScalingPolicy:TargetTracking')
    step_policy = aas.put_scaling_policy(**TARGET, PolicyName='inference-component-step-scaling-policy', PolicyType='StepScaling',
                                         StepScalingPolicyConfiguration={'AdjustmentType': 'ChangeInCapacity', 'MetricAggregationType': 'Maximum', 'Cooldown': 60,
                                                                         'StepAdjustments': [{'MetricIntervalLowerBound': 0.0, 'ScalingAdjustment': 1}]})
    step('PutScalingPolicy:StepScaling')
    cw.put_metric_alarm(AlarmName=ALARM, AlarmActions=[step_policy['PolicyARN']], MetricName='NoCapacityInvocationFailures', Namespace='AWS/SageMaker',
                        Dimensions=[{'Name': 'InferenceComponentName', 'Value': IC}], Statistic='Maximum', Period=30, EvaluationPeriods=1,
                        DatapointsToAlarm=1, Threshold=1.0, ComparisonOperator='GreaterThanOrEqualToThreshold', TreatMissingData='missing')
    step('PutMetricAlarm:NoCapacity')

    invoke = lambda: runtime.invoke_endpoint(EndpointName=ENDPOINT, InferenceComponentName=IC, ContentType='application/json',
                                             Body=json.dumps({'inputs': 'hello'}))
    first = invoke()
    expect(first['ResponseMetadata']['HTTPStatusCode'] == 200 and len(first['Body'].read()) > 0, 'first invoke did not answer')
    step('InvokeEndpoint:warm')

    # 4. Idle: target tracking scales copies to 0, then managed instance scaling releases the instance.
    to_zero = until('copies scaled in to 0', lambda: describe_ic()['RuntimeConfig']['CurrentCopyCount'] == 0, 1800, 30)
    step('ScaleIn:copies=0')
    instances = lambda: sm.describe_endpoint(EndpointName=ENDPOINT)['ProductionVariants'][0]['CurrentInstanceCount']
    until('instances released to 0', lambda: instances() == 0, 1800, 30)
    step('ScaleIn:instances=0')

    # 5. A request at zero is refused at once; the alarm fires the step policy, which wakes the component.
    message = refused(invoke, 'ValidationError', 400)
    expect(message == NO_CAPACITY, f'no-capacity message differs: {message}')
    step('InvokeEndpoint:refused')
    alarm_state = lambda: cw.describe_alarms(AlarmNames=[ALARM])['MetricAlarms'][0]['StateValue']
    fired = until('NoCapacity alarm in ALARM', lambda: alarm_state() == 'ALARM', 300)
    expect(describe_ic()['RuntimeConfig']['DesiredCopyCount'] == 1, 'the step policy did not set the desired copy count to 1')
    step('Alarm:fired')
    wake = fired + until('woken with one copy', lambda: describe_ic()['RuntimeConfig']['CurrentCopyCount'] == 1, 900)
    after = invoke()
    expect(after['ResponseMetadata']['HTTPStatusCode'] == 200, 'invoke after wake failed')
    step('InvokeEndpoint:woken')
    activities = aas.describe_scaling_activities(ServiceNamespace='sagemaker', ResourceId=RESOURCE_ID)['ScalingActivities']
    expect(len(activities) >= 2 and all(a['StatusCode'] == 'Successful' for a in activities), f'scaling activities: {activities}')

    # 6. EventBridge Scheduler: a role Scheduler may assume, and two schedules on the component's copy count.
    trust = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'Service': 'scheduler.amazonaws.com'}, 'Action': 'sts:AssumeRole'}]}
    role_arn = iam.create_role(RoleName=SCHEDULER_ROLE, AssumeRolePolicyDocument=json.dumps(trust))['Role']['Arn']
    iam.put_role_policy(RoleName=SCHEDULER_ROLE, PolicyName='copies', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{
        'Effect': 'Allow', 'Action': 'sagemaker:UpdateInferenceComponentRuntimeConfig',
        'Resource': f'arn:aws:sagemaker:{session.region_name}:{ACCOUNT}:inference-component/{IC}'}]}))
    step('CreateRole')
    advance(10)  # IAM's eventual consistency: Scheduler cannot assume a role created a moment ago.
    for name, (expression, copies) in SCHEDULES.items():
        scheduler.create_schedule(Name=name, ScheduleExpression=expression, ScheduleExpressionTimezone='UTC', FlexibleTimeWindow={'Mode': 'OFF'}, Target={
            'Arn': 'arn:aws:scheduler:::aws-sdk:sagemaker:updateInferenceComponentRuntimeConfig', 'RoleArn': role_arn,
            'Input': json.dumps({'InferenceComponentName': IC, 'DesiredRuntimeConfig': {'CopyCount': copies}})})
        got = scheduler.get_schedule(Name=name)
        expect(got['ScheduleExpression'] == expression and got['State'] == 'ENABLED', f'schedule {name}: {got}')
    listed = sorted(s['Name'] for s in scheduler.list_schedules(NamePrefix='boto3-')['Schedules'])
    expect(listed == sorted(SCHEDULES), f'listed schedules {listed}')
    step('CreateSchedule')

    # 7. Teardown in the safe order: schedules, NoCapacity alarm, scalable target (its policies and
    # their alarms), inference component, endpoint, endpoint config, model; then the role.
    for name in SCHEDULES:
        scheduler.delete_schedule(Name=name)
    step('DeleteSchedule')
    cw.delete_alarms(AlarmNames=[ALARM])
    step('DeleteAlarms')
    aas.deregister_scalable_target(**TARGET)
    step('DeregisterScalableTarget')
    sm.delete_inference_component(InferenceComponentName=IC)
    until('inference component deleted', lambda: gone(describe_ic), 600)
    step('DeleteInferenceComponent')
    sm.delete_endpoint(EndpointName=ENDPOINT)
    until('endpoint deleted', lambda: gone(lambda: sm.describe_endpoint(EndpointName=ENDPOINT)), 600)
    step('DeleteEndpoint')
    sm.delete_endpoint_config(EndpointConfigName=CONFIG)
    step('DeleteEndpointConfig')
    sm.delete_model(ModelName=MODEL)
    step('DeleteModel')
    iam.delete_role_policy(RoleName=SCHEDULER_ROLE, PolicyName='copies')
    iam.delete_role(RoleName=SCHEDULER_ROLE)
    step('DeleteRole')

    # 8. Nothing is left.
    left = {
        'endpoints': [e['EndpointName'] for e in sm.list_endpoints()['Endpoints']],
        'inferenceComponents': [c['InferenceComponentName'] for c in sm.list_inference_components()['InferenceComponents']],
        'endpointConfigs': [c['EndpointConfigName'] for c in sm.list_endpoint_configs()['EndpointConfigs']],
        'models': [m['ModelName'] for m in sm.list_models()['Models']],
        'scalableTargets': [t['ResourceId'] for t in aas.describe_scalable_targets(ServiceNamespace='sagemaker')['ScalableTargets']],
        'scalingPolicies': [p['PolicyName'] for p in aas.describe_scaling_policies(ServiceNamespace='sagemaker')['ScalingPolicies']],
        'alarms': [a['AlarmName'] for a in cw.describe_alarms()['MetricAlarms']],
        'schedules': [s['Name'] for s in scheduler.list_schedules()['Schedules']],
        'roles': [r['RoleName'] for r in iam.list_roles()['Roles'] if r['RoleName'] == SCHEDULER_ROLE],
    }
    expect(all(not names for names in left.values()), f'left after teardown: {left}')
    refused(lambda: sm.describe_model(ModelName=MODEL), 'ValidationException', 400)
    step('NothingLeft')

    print(json.dumps({'ok': True, 'steps': steps, 'errors': errors, 'left': left, 'scaleInSeconds': to_zero, 'wakeSeconds': wake,
                      'simulatedSeconds': clock['advanced']}))


if __name__ == '__main__':
    try:
        main()
    except Exception as error:  # anything unexpected: say what and where, exit non-zero
        print(json.dumps({'ok': False, 'steps': steps, 'errors': errors, 'failure': f'{type(error).__name__}: {error}'}))
        raise
