/** What a step of a GitHub Actions job leaves: its two streams and its job summary file. */
export interface StepOutput {
  stdout: string;
  stderr: string;
  /** The Markdown the step appended to `GITHUB_STEP_SUMMARY`. */
  summary: string;
}

const MASK = "***";

/**
 * The step's output as GitHub shows it. Its runner reads every line a step prints as a possible
 * workflow command (`::name props::data`, after leading white space, the name in any case) and
 * consumes those it knows: `::add-mask::<value>`, which `@actions/core` prints for each ID token,
 * masks the value as `***` in the log and the job summary; `::debug::` lines are shown only when
 * step debug logging is on, which it is not here. Both lines are dropped. Other commands
 * (annotations, groups) are left as printed: no task emits them.
 *
 * No package parses workflow commands (actions/toolkit only writes them); the rules are those of
 * the runner's ActionCommand.TryParseV2. The runner masks what follows the command; here the whole
 * output is masked, as nothing of it has been shown yet.
 */
export function githubStepOutput(step: StepOutput): StepOutput {
  const masks: string[] = [];
  const consume = (text: string) =>
    text
      .split("\n")
      .filter((line) => {
        const command = workflowCommand(line);
        if (command?.name === "add-mask" && command.data.trim() !== "") masks.push(command.data);
        return command?.name !== "add-mask" && command?.name !== "debug";
      })
      .join("\n");
  const stdout = consume(step.stdout);
  const stderr = consume(step.stderr);
  // The longest first, so a value that contains another is masked whole.
  const ordered = [...new Set(masks)].sort((a, b) => b.length - a.length);
  const masked = (text: string) => ordered.reduce((result, value) => result.replaceAll(value, MASK), text);
  return { stdout: masked(stdout), stderr: masked(stderr), summary: masked(step.summary) };
}

/** A line's workflow command, its name in lowercase and its data unescaped, or undefined. */
export function workflowCommand(line: string): { name: string; data: string } | undefined {
  const text = line.trimStart();
  if (!text.startsWith("::")) return undefined;
  const end = text.indexOf("::", 2);
  if (end < 0) return undefined;
  const [name = ""] = text.slice(2, end).split(" ");
  return name ? { name: name.toLowerCase(), data: unescapeData(text.slice(end + 2)) } : undefined;
}

// The runner's order: %0D and %0A before %25, so an escaped "%0A" (written %250A) stays literal.
function unescapeData(data: string): string {
  return data.replaceAll("%0D", "\r").replaceAll("%0A", "\n").replaceAll("%25", "%");
}
