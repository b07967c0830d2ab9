#!/usr/bin/env node
// `npm run setup`: makes the repository yours (team, env, region); tsx loads the TypeScript tasks.
require("tsx/cjs/api").register();
require("@repo/cli-kit").main(require("../src/setupCommand.ts").setupCommand);
