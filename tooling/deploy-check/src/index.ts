export { deployCheck, type DeployCheckReport, type DeployCheckOptions } from "./deployCheck";
export { type Finding, formatFinding } from "./finding";
