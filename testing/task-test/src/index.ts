export { airplaneDefinition, UNIT_TEST_AWS_ENV, unitTestTask, type UnitTestTaskOptions } from "./unitTestTask";
export { leakedSecrets } from "./leakedSecrets";
export { leakyAwsError, leaksSessionToken, SESSION_TOKEN_CANARY } from "./leakyAwsError";
export { STAND_IN_MODES, type StandInMode } from "./standInModes";
export { runTaskInProcess, withRunEnvironment, type InProcessRun } from "./runTaskInProcess";
