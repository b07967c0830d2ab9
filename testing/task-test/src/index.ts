export { airplaneDefinition, UNIT_TEST_AWS_ENV, unitTestTask, type UnitTestTaskOptions } from "./unitTestTask";
