export { UsageError } from "./usageError";
export { type CommandIO, processIO } from "./commandIO";
export { parseCommandArgs, type ParseSettings } from "./parseCommandArgs";
export { failureText, main, runCommand, type CommandUsage, type MainOptions } from "./runCommand";
export { networkEnv, NETWORK_VARIABLES, runNode, type NodeRun } from "./childProcess";
export {
  compareGeneratedFiles,
  driftRows,
  hasDrift,
  writeGeneratedFiles,
  type FileChange,
  type FileDrift,
  type GeneratedFile,
  type GeneratedFolder,
} from "./generatedFiles";
export { didYouMean } from "./didYouMean";
export { shellQuote } from "./shellQuote";
