#!/usr/bin/env node
// A task package's `build`: bundles its task files the way `airplane deploy` does.
require("tsx/cjs/api").register();
require("../src/bundleCommand.ts")
  .bundleCommand(process.cwd(), process.argv.slice(2))
  .then((code) => (process.exitCode = code));
