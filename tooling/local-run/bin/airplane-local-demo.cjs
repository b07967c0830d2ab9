#!/usr/bin/env node
// `npm start`: runs add_s3_bucket_tag against the local stand-in and prints what happened.
require("tsx/cjs/api").register();
require("@repo/cli-kit").main(require("../src/demo.ts").demo, { exit: true });
