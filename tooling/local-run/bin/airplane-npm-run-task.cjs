#!/usr/bin/env node
// `npm run task`: a run with this shell's environment, or with --local on the local stand-in,
// started in this process.
require("tsx/cjs/api").register();
require("@repo/cli-kit").main(require("../src/npmRunTask.ts").npmRunTask);
