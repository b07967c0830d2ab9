#!/usr/bin/env node
// `npm run iam`: the tasks are TypeScript, so tsx compiles them as discoverTasks loads them.
require("tsx/cjs/api").register();
require("@repo/cli-kit").main(require("../src/iamCommand.ts").iamCommand);
