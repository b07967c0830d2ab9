export { runCaptured, type CommandResult } from "./runCaptured";
export { runBin, runProcess, type ProcessOptions } from "./runBin";
