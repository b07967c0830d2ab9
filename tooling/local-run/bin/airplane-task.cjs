#!/usr/bin/env node
// `npm run task`: with --local first, the task runs on the local stand-in started in this
// process; otherwise as task-cli runs it, with the shell's own environment.
require("tsx/cjs/api").register();
require("@repo/cli-kit").main((args, io) =>
  args[0] === "--local"
    ? require("../src/runLocally.ts").runLocally(args, io)
    : require("@repo/task-cli").runTaskCommand(args, io),
);
