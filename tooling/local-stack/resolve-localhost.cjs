// Preload (`node --require <this file>`) that makes `localhost` and every `*.localhost` name resolve
// to 127.0.0.1, as RFC 6761 says localhost names should. glibc resolves only `localhost` itself,
// and the AWS SDK sends S3 Control requests to `<account ID>.<endpoint host>`
// (`123456789012.localhost:PORT`), so the stand-in's S3 Control endpoint needs this. Plain
// JavaScript so that Node can preload it with no compiler; Node's http client looks up
// `dns.lookup` at connection time, so replacing it here covers the SDK's request handler.
"use strict";

const dns = require("node:dns");

const LOOPBACK = "127.0.0.1";
const PATCHED = Symbol.for("local-stack.resolve-localhost");

function isLocalhostName(hostname) {
  const name = String(hostname).toLowerCase().replace(/\.$/, "");
  return name === "localhost" || name.endsWith(".localhost");
}

if (!dns.lookup[PATCHED]) {
  const originalLookup = dns.lookup;
  const lookup = function lookup(hostname, options, callback) {
    if (typeof options === "function") {
      callback = options;
      options = {};
    }
    if (!isLocalhostName(hostname)) return originalLookup.call(dns, hostname, options, callback);
    // The stand-in listens on IPv4 loopback only, so every localhost name answers 127.0.0.1.
    const all = typeof options === "object" && options !== null && options.all;
    process.nextTick(() => {
      if (all) callback(null, [{ address: LOOPBACK, family: 4 }]);
      else callback(null, LOOPBACK, 4);
    });
    return undefined;
  };
  lookup[PATCHED] = true;
  dns.lookup = lookup;
}
