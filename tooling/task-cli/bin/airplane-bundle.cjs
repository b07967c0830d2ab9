#!/usr/bin/env node
// A task package's `build`: bundles its task files the way `airplane deploy` does.
require("tsx/cjs/api").register();
require("@repo/cli-kit").main(require("../src/bundleCommand.ts").bundleCommand);
