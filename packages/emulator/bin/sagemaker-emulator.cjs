#!/usr/bin/env node
// The package's bin, `sagemaker-emulator`: runs the built command line (dist/cli.js). It is a committed
// file of its own because npm links a workspace's bin at install time only when the file exists, and
// dist/ is built later; this way `npx sagemaker-emulator` works in a fresh clone once it is built.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  console.error('sagemaker-emulator: not built yet: run `npm run build -w @s2z/emulator` (or `npm run emulator` in the root project) first.');
  process.exit(1);
}
require(cli);
