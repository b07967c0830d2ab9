#!/usr/bin/env node
// `npm run workflows [-- --check]`: each task's GitHub workflow, generated from its definition.
require("tsx/cjs/api").register();
require("@repo/cli-kit").main(require("../src/workflowsCommand.ts").workflowsCommand);
