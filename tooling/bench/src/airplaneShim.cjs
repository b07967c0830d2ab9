// Runs a bundled task the way Airplane's runtime shim does (require the bundle, call
// `__airplane.baseFunc(params)`), then reports on stderr, as one JSON line, how long loading and
// running took and the process's peak memory: `node airplaneShim.cjs <bundle> <export> <params JSON>`.
const [bundle, exportName = "default", params = "{}"] = process.argv.slice(2);
const started = performance.now();
const task = require(bundle)[exportName];
const loaded = performance.now();
task.__airplane
  .baseFunc(JSON.parse(params))
  .then((output) => {
    const finished = performance.now();
    process.stdout.write(`${JSON.stringify(output)}\n`);
    const report = {
      loadMs: loaded - started,
      runMs: finished - loaded,
      // performance.now() counts from the start of the process: this is start to output.
      processMs: finished,
      maxRssKiB: process.resourceUsage().maxRSS,
      cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    };
    process.stderr.write(`BENCH ${JSON.stringify(report)}\n`);
  })
  .catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
