#!/usr/bin/env node
// `npm run task`: tasks are TypeScript, so tsx compiles them as they load.
require("tsx/cjs/api").register();
require("../src/runTaskCommand.ts")
  .runTaskCommand(process.argv.slice(2))
  .then((code) => (process.exitCode = code));
