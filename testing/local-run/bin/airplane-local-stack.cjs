#!/usr/bin/env node
// `npm run local-stack`: keeps the local stand-in running and prints how to use it by hand.
require("tsx/cjs/api").register();
require("../src/serve.ts")
  .serve()
  .then((code) => process.exit(code));
