#!/usr/bin/env node
// `npm run check-layers`: no code outside the tests imports a workspace of a layer above it.
require("tsx/cjs/api").register();
require("@repo/cli-kit").main(require("../src/checkLayersCommand.ts").checkLayersCommand);
