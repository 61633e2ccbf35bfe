"""Runs an exported boto3 script unchanged, with time.sleep moving the emulator's clock.

Usage: python3 run_boto3_script.py <script.py>  (AWS_ENDPOINT_URL names the emulator)
"""
import os
import runpy
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import virtual_clock  # noqa: E402

virtual_clock.install()
runpy.run_path(sys.argv[1], run_name="__main__")
