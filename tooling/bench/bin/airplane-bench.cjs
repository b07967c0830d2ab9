#!/usr/bin/env node
// `npm run bench`: never part of `npm test`.
require("tsx/cjs/api").register();
require("@repo/cli-kit").main(require("../src/benchCommand.ts").benchCommand, { exit: true });
