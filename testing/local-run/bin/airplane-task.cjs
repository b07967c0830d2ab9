#!/usr/bin/env node
// `npm run task`: with --local first, the task runs on the local stand-in started in this
// process; otherwise as task-cli runs it, with the shell's own environment.
require("tsx/cjs/api").register();
const args = process.argv.slice(2);
const command =
  args[0] === "--local"
    ? require("../src/runLocally.ts").runLocally(args)
    : require("@repo/task-cli").runTaskCommand(args);
command.then((code) => (process.exitCode = code));
