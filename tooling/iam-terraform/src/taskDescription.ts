/** One statement of a task's `aws-permissions.json`: what it may do, and why. */
export interface PermissionStatement {
  /** Why the task needs these actions; becomes the statement's comment and its Sid. */
  why: string;
  /** For example `s3:GetBucketTagging`. */
  actions: string[];
  /** ARNs or `*`. */
  resources: string[];
  /**
   * `task-role`: only the task's own role gets the statement, never its member-account roles
   * (`npm run iam -- --member-roles`): chaining into them, listing the Organization's accounts.
   * Without it, both do.
   */
  scope?: "task-role";
}

/** What a task's roles are made of: its slug and its declared statements. */
export interface TaskPermissions {
  slug: string;
  statements: PermissionStatement[];
  /** Where the statements come from, relative to the repository root, for the generated comments. */
  permissionsFile: string;
}

/** What the generator needs to know about a task: everything comes from the task's own files. */
export interface TaskDescription extends TaskPermissions {
  /** The Airplane config var the task maps to `AWS_ROLE_ARN`, e.g. `aws_role_arn_<slug>`. */
  roleArnConfigVar: string;
}
