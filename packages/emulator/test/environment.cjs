// Loaded by mocha before the tests (--require). The AWS SDK warns once per process that its releases
// after January 2027 need Node 22; the tests run on Node 20 by design, so the warning is noise here.
'use strict';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
