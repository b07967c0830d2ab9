#!/usr/bin/env node
// `npm run setup`: makes the repository yours (team, env, region); tsx loads the TypeScript tasks.
require("tsx/cjs/api").register();
process.exitCode = require("../src/setupCommand.ts").setupCommand(process.argv.slice(2));
