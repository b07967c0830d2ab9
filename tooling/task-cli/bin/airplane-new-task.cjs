#!/usr/bin/env node
// `npm run new-task`: scaffolds tasks/<slug>/; tsx loads the existing tasks to check the slug is free.
require("tsx/cjs/api").register();
require("../src/newTaskCommand.ts")
  .newTaskCommand(process.argv.slice(2))
  .then((code) => (process.exitCode = code));
