"""Checks the peer comparison's requests against AWS's service models (botocore's data folder), so the
bench's "refused a request AWS accepts" rests on the model and not on our reading of it.

Reads JSON from stdin: [{"service": "sagemaker", "operation": "CreateEndpointConfig", "params": {...}}]
Writes JSON to stdout: {"botocore": "<version>", "results": [{"violations": ["..."]}, ...]}

Every constraint kind the models state is checked: required members, unknown members, types, enum,
pattern, min/max length (strings, lists, maps) and min/max value (numbers). botocore's own
ParamValidator checks only some of these (not enum, pattern or max), hence this walk.

The models' patterns are Java regular expressions: `\p{Print}` is Java's ASCII printable class, a
surrogate pair range (\uD800\uDC00-\uDBFF\uDFFF) is every supplementary code point, and the Unicode
categories (\p{L}) need the `regex` module; without it such a pattern is counted as unchecked.
"""
import json
import re
import sys

try:
    import regex as engine
except ImportError:  # the standard library's re: no \p{...} categories
    engine = re

import botocore
import botocore.session


compiled = {}
unchecked = set()


def java_pattern(pattern):
    """The compiled form of a model's pattern, or None when this Python cannot read it."""
    if pattern not in compiled:
        translated = pattern.replace('\\uD800\\uDC00-\\uDBFF\\uDFFF', '\\U00010000-\\U0010FFFF').replace('\\p{Print}', '[\\x20-\\x7E]')
        try:
            compiled[pattern] = engine.compile(translated, engine.DOTALL)
        except Exception:  # noqa: BLE001 - any pattern this engine cannot compile is reported as unchecked
            compiled[pattern] = None
    return compiled[pattern]


def check(shape, value, path, out):
    kind = shape.type_name
    meta = shape.metadata
    if kind == 'structure':
        if not isinstance(value, dict):
            out.append(f'{path}: expected a structure, got {type(value).__name__}')
            return
        for name in shape.required_members:
            if name not in value:
                out.append(f'{path}: required member {name} is missing')
        for name, member in value.items():
            if name not in shape.members:
                out.append(f'{path}: unknown member {name}')
                continue
            check(shape.members[name], member, f'{path}.{name}', out)
        return
    if kind == 'list':
        if not isinstance(value, list):
            out.append(f'{path}: expected a list')
            return
        length(meta, len(value), path, out)
        for index, item in enumerate(value):
            check(shape.member, item, f'{path}[{index}]', out)
        return
    if kind == 'map':
        if not isinstance(value, dict):
            out.append(f'{path}: expected a map')
            return
        length(meta, len(value), path, out)
        for key, item in value.items():
            check(shape.key, key, f'{path} key', out)
            check(shape.value, item, f'{path}[{key}]', out)
        return
    if kind == 'string':
        if not isinstance(value, str):
            out.append(f'{path}: expected a string')
            return
        length(meta, len(value), path, out)
        if shape.enum and value not in shape.enum:
            out.append(f'{path}: {value!r} is not one of the model\'s {len(shape.enum)} enum values')
        pattern = meta.get('pattern')
        if pattern and java_pattern(pattern) is None:
            unchecked.add(pattern)
        elif pattern and not java_pattern(pattern).fullmatch(value):
            out.append(f'{path}: {value!r} does not match the pattern {pattern}')
        return
    if kind in ('integer', 'long', 'float', 'double'):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            out.append(f'{path}: expected a number')
            return
        if kind in ('integer', 'long') and int(value) != value:
            out.append(f'{path}: expected an integer')
        if 'min' in meta and value < meta['min']:
            out.append(f'{path}: {value} is below the minimum {meta["min"]}')
        if 'max' in meta and value > meta['max']:
            out.append(f'{path}: {value} is above the maximum {meta["max"]}')
        return
    if kind == 'boolean' and not isinstance(value, bool):
        out.append(f'{path}: expected a boolean')
    if kind == 'blob' and not isinstance(value, str):
        out.append(f'{path}: expected a blob (sent as text)')
    if kind == 'timestamp' and not isinstance(value, (str, int, float)):
        out.append(f'{path}: expected a timestamp')


def length(meta, size, path, out):
    if 'min' in meta and size < meta['min']:
        out.append(f'{path}: length {size} is below the minimum {meta["min"]}')
    if 'max' in meta and size > meta['max']:
        out.append(f'{path}: length {size} is above the maximum {meta["max"]}')


def main():
    requests = json.load(sys.stdin)
    session = botocore.session.get_session()
    models = {}
    results = []
    for request in requests:
        service = request['service']
        if service not in models:
            models[service] = session.get_service_model(service)
        operation = models[service].operation_model(request['operation'])
        violations = []
        check(operation.input_shape, request['params'], request['operation'], violations)
        results.append({'violations': violations})
    json.dump({'botocore': botocore.__version__, 'results': results, 'uncheckedPatterns': sorted(unchecked)}, sys.stdout)


if __name__ == '__main__':
    main()
