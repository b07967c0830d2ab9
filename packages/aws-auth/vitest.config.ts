import { mergeConfig } from "vitest/config";
import shared from "../../vitest.shared";

// Each test file in a fresh module registry: a test of the once-per-process notice of the default
// chain needs the process's first call.
export default mergeConfig(shared, { test: { isolate: true } });
