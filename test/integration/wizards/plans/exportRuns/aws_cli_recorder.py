"""The real AWS CLI (awscli's own driver), recording every API call it makes.

Exported AWS CLI scripts run with this `aws` first on PATH: the shell parses and expands each command
as it would on a user's machine, the AWS CLI parses the arguments into an operation and its parameters
as it always does, and botocore validates them against the service model before anything is sent.
Each call's service (botocore's name), operation and parameters are appended as one JSON line to
$S2Z_CLI_RECORD, so the test can check them against the model's constraints botocore does not check
(max lengths, patterns, enums) and compare them with the plan. time.sleep (the endpoint waiter's)
moves the emulator's virtual clock instead of waiting.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import virtual_clock  # noqa: E402

from awscli.clidriver import create_clidriver  # noqa: E402


def record_call(params, model, **kwargs):
    """before-parameter-build: the call's parameters, as the CLI parsed them, before botocore validates them."""
    with open(os.environ["S2Z_CLI_RECORD"], "a", encoding="utf-8") as log:
        log.write(json.dumps({
            "service": model.service_model.service_name,
            "operation": model.name,
            "params": params,
            "argv": sys.argv[1:],
        }, default=str) + "\n")


def main():
    virtual_clock.install()
    driver = create_clidriver()
    driver.session.register("before-parameter-build", record_call)
    return driver.main()


if __name__ == "__main__":
    sys.exit(main())
