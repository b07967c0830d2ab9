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
    parameters: Object.fromEntries(
      Object.entries(value.__airplane.config.parameters ?? {}).map(([slug, param]) => [
        slug,
        typeof param === "string" ? { required: true } : { required: param.required !== false, default: param.default },
      ]),
    ),
  }));
process.stdout.write(`${JSON.stringify(entities)}\n`);
