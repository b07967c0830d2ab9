export {
  repoStackConfig,
  testStackConfig,
  DEMO_SETTINGS,
  DEMO_BUCKET,
  DEMO_BUCKETS,
  FAR_BUCKET,
  MEMBER_ACCOUNT_IDS,
  memberBuckets,
  SUSPENDED_ACCOUNT_ID,
  terraformDir,
} from "./repoStackConfig";
export { memberAccountRoles } from "./memberAccountRoles";
export { runTaskOnStack, taskRunEnv, type TaskRun, type TaskRunOptions } from "./runTaskOnStack";
export { githubStepOutput } from "./githubStepOutput";
export { demo } from "./demo";
export { serve } from "./serve";
export { formatTags } from "./formatTags";
export { npmRunTask } from "./npmRunTask";
