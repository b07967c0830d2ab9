#!/usr/bin/env node
// `npm run bench`: never part of `npm test`.
require("tsx/cjs/api").register();
require("../src/benchCommand.ts")
  .benchCommand(process.argv.slice(2))
  .then((code) => process.exit(code));
