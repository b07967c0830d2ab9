// Loads one task bundle with the deploy Node and prints the tasks it exports, as the builder's
// discovery step does (pkg/deploy/discover/parser/node/parser.ts: every export whose value carries
// `__airplane` is a task or view). Run by deploy-check as `node load-task.cjs <bundle>`.
"use strict";

const exported = require(process.argv[2]);
const entities = Object.entries(exported)
  .filter(([, value]) => (typeof value === "object" || typeof value === "function") && value && "__airplane" in value)
  .map(([exportName, value]) => ({
    exportName,
    type: value.__airplane.type,
    slug: value.__airplane.config.slug,
    envVars: value.__airplane.config.envVars ?? {},
  }));
process.stdout.write(`${JSON.stringify(entities)}\n`);
