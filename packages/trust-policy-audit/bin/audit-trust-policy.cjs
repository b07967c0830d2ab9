#!/usr/bin/env node
// Trust policies are audited by TypeScript sources (no build step), so tsx compiles them as they load.
require("tsx/cjs/api").register();
process.exitCode = require("../src/auditCommand.ts").auditCommand(process.argv.slice(2));
