#!/usr/bin/env node
// `npm run iam`: the tasks are TypeScript, so tsx compiles them as discoverTasks loads them.
require("tsx/cjs/api").register();
process.exitCode = require("../src/iamCommand.ts").iamCommand(process.argv.slice(2));
