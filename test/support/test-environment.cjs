// Loaded by mocha before the tests (--require). The AWS SDK warns once per process that its releases
// after January 2027 need Node 22; the tests run on Node 20 by design (VS Code 1.100's own runtime),
// so the warning is noise in test output.
'use strict';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// Every emulator a suite starts begins on a fixed Wednesday morning, away from the demo's schedules.
require('./emulatorStartTime.cjs').fixEmulatorStartTime();
