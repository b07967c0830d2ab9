#!/usr/bin/env node
// `npm run local-stack`: keeps the local stand-in running and prints how to use it by hand.
require("tsx/cjs/api").register();
require("@repo/cli-kit").main(require("../src/serve.ts").serve, { exit: true });
