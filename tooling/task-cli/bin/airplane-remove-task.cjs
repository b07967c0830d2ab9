#!/usr/bin/env node
// `npm run remove-task`: takes out a task (or a workspace) with everything that wires it in; tsx
// loads the tasks to find the slug and the config vars only it reads.
require("tsx/cjs/api").register();
require("@repo/cli-kit").main(require("../src/removeTaskCommand.ts").removeTaskCommand);
