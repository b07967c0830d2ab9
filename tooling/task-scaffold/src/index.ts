export { createTask, validateTaskSlug, recordInLockfile } from "./newTask";
export { newTaskCommand } from "./newTaskCommand";
