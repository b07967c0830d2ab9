#!/usr/bin/env node
// `npm run new-task`: scaffolds tasks/<slug>/; tsx loads the existing tasks to check the slug is free.
require("tsx/cjs/api").register();
require("@repo/cli-kit").main(require("../src/newTaskCommand.ts").newTaskCommand);
