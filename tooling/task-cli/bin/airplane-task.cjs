#!/usr/bin/env node
// One task run, with the environment it was given (`npm run task` without --local, and every
// run on the stand-in). Tasks are TypeScript, so tsx compiles them as they load.
require("tsx/cjs/api").register();
require("@repo/cli-kit").main(require("../src/runTaskCommand.ts").runTaskCommand);
