#!/usr/bin/env node
// One task run in this process, as Airplane's runtime runs it, with the environment it was given:
// `npm run task` without --local. Tasks are TypeScript, so tsx compiles them as they load.
require("tsx/cjs/api").register();
require("@repo/cli-kit").main(require("../src/runTaskCommand.ts").runTaskCommand);
