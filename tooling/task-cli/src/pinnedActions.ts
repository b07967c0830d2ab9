import { isScalar, parseDocument, visit } from "yaml";

/** An action as a workflow step names it, pinned to a commit, and the release tag written beside it. */
export interface PinnedAction {
  /** `actions/checkout@<40 hex digits>`. */
  uses: string;
  /** The comment after it, e.g. `v7.0.1`: what the commit was released as. */
  version: string | undefined;
}

/**
 * The actions a workflow runs, by name (`actions/checkout`), as it pins them. The task workflows
 * take the pins of ci.yml, so an action is bumped in one place (by hand or by Dependabot) and
 * `npm run workflows -- --check` names every task workflow that still runs the old commit.
 */
export function readPinnedActions(workflowText: string): Map<string, PinnedAction> {
  const pinned = new Map<string, PinnedAction>();
  visit(parseDocument(workflowText), {
    Pair(_, pair) {
      if (!isScalar(pair.key) || pair.key.value !== "uses" || !isScalar(pair.value)) return;
      const uses = String(pair.value.value);
      const name = /^([^@]+)@[0-9a-f]{40}$/.exec(uses)?.[1];
      if (name && !pinned.has(name)) pinned.set(name, { uses, version: pair.value.comment?.trim() || undefined });
    },
  });
  return pinned;
}

/** One action of `pinned`, or an error saying which workflow must pin it and how. */
export function pinnedAction(pinned: Map<string, PinnedAction>, name: string, workflowFile: string): PinnedAction {
  const action = pinned.get(name);
  if (!action) {
    throw new Error(
      `${workflowFile} runs no ${name} pinned to a commit, and the task workflows take their pins from it: ` +
        `write its step as \`uses: ${name}@<40-hex commit> # <tag>\`.`,
    );
  }
  return action;
}
