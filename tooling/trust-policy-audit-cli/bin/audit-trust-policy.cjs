#!/usr/bin/env node
// `npm run audit-trust-policy`: the audit is TypeScript sources (no build step), so tsx compiles them as they load.
require("tsx/cjs/api").register();
require("@repo/cli-kit").main(require("../src/auditCommand.ts").auditCommand);
