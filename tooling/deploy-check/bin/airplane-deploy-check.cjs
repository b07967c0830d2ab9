#!/usr/bin/env node
// `npm run deploy-check`: the checker is TypeScript, so tsx compiles it as it loads.
require("tsx/cjs/api").register();
require("@repo/cli-kit").main(require("../src/deployCheckCommand.ts").deployCheckCommand);
