#!/usr/bin/env node
// `npm start`: runs add_s3_bucket_tag (without it, the first task needing no parameters) against the local stand-in.
require("tsx/cjs/api").register();
require("@repo/cli-kit").main(require("../src/demo.ts").demo, { exit: true });
