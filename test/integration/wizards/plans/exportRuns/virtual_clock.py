"""Makes time.sleep move the emulator's virtual clock instead of waiting.

An exported script waits like it would on AWS (the endpoint waiter polls every 30 s, the inference
component helper every 15 s, 10 s for IAM after creating a role). Against the emulator with its clock
stopped (time scale 0), each sleep instead advances the emulator's clock by that many seconds
(POST /__emulator/clock), so the resources come up at once in real time and the script runs unchanged.
The emulator is the one AWS_ENDPOINT_URL names.
"""
import json
import os
import time
import urllib.request


def advance(seconds):
    """Moves the emulator's virtual clock forward by `seconds` (its scheduled events run in order)."""
    endpoint = os.environ["AWS_ENDPOINT_URL"].rstrip("/")
    request = urllib.request.Request(
        endpoint + "/__emulator/clock",
        data=json.dumps({"advanceSeconds": float(seconds)}).encode("utf-8"),
        headers={"content-type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request) as answer:
        answer.read()


def install():
    """Every time.sleep of this process (boto3's waiters, the script's own) advances the emulator's clock."""
    time.sleep = advance


if __name__ == "__main__":
    # `sleep N` of an exported AWS CLI script (bin/sleep): move the clock by N seconds.
    import sys

    advance(sys.argv[1])
