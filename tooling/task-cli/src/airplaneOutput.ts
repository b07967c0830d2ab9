import { format } from "node:util";

/**
 * The run's output as Airplane's agent builds it: the `airplane` SDK's `setOutput` and
 * `appendOutput` print protocol lines on stdout (`airplane_output_set[:path] <json>`,
 * `airplane_output_append[:path] <json>`, and `airplane_chunk:<id> <part>` ... `airplane_chunk_end:<id>`
 * for lines over 8 KiB), and the agent reads them back. A task that sets its output and then throws
 * (a failed run that still shows its rows) needs this: its output is not its return value.
 *
 * Written by hand: the protocol lives in the SDK (`airplane/internal/output.js`, `runtime/standard.js`)
 * and Airplane's agent, and no package parses it.
 */
export class AirplaneOutput {
  /** Undefined until a line sets or appends something. */
  value: unknown = undefined;
  private readonly chunks = new Map<string, string>();

  /** Takes one stdout line; false when it is not part of the output protocol. */
  consume(line: string): boolean {
    const chunk = /^airplane_chunk:(\S+) ([\s\S]*)$/.exec(line);
    if (chunk) {
      const [, id = "", part = ""] = chunk;
      this.chunks.set(id, (this.chunks.get(id) ?? "") + part);
      return true;
    }
    const chunkEnd = /^airplane_chunk_end:(\S+)$/.exec(line);
    if (chunkEnd) {
      const id = chunkEnd[1] ?? "";
      const whole = this.chunks.get(id) ?? "";
      this.chunks.delete(id);
      return this.consume(whole);
    }
    const command = /^airplane_output_(set|append)(:?)([\s\S]*)$/.exec(line);
    if (!command) return false;
    const [, verb, colon, rest = ""] = command;
    const { path, end } = colon ? parseOutputPath(rest) : { path: [], end: 0 };
    this.apply(verb === "append" ? "append" : "set", path, JSON.parse(rest.slice(end + 1)) as unknown);
    return true;
  }

  /** What Airplane's runtime shim does with a task's result or error (`universal-node-shim.js`). */
  setReturned(value: unknown): void {
    if (value !== undefined) this.apply("set", [], value);
  }

  setError(message: string): void {
    this.apply("set", ["error"], message);
  }

  private apply(verb: "set" | "append", path: Array<string | number>, value: unknown): void {
    const update = (current: unknown) =>
      verb === "set" ? value : [...(Array.isArray(current) ? (current as unknown[]) : []), value];
    if (path.length === 0) {
      this.value = update(this.value);
      return;
    }
    this.value ??= typeof path[0] === "number" ? [] : {};
    let parent = this.value as Record<string | number, unknown>;
    path.forEach((step, index) => {
      if (index === path.length - 1) {
        parent[step] = update(parent[step]);
        return;
      }
      parent[step] ??= typeof path[index + 1] === "number" ? [] : {};
      parent = parent[step] as Record<string | number, unknown>;
    });
  }
}

/** `rows[0].name`, `["a key"]`: the path syntax the SDK's `toJSPath` writes, up to the space before the value. */
export function parseOutputPath(text: string): { path: Array<string | number>; end: number } {
  const path: Array<string | number> = [];
  const step = /\.?(\w+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/y;
  let match: RegExpExecArray | null;
  while (text[step.lastIndex] !== " " && (match = step.exec(text))) {
    const [, name, index, quoted] = match;
    if (name !== undefined) path.push(name);
    else if (index !== undefined) path.push(Number(index));
    else path.push((quoted ?? "").replace(/\\(.)/g, "$1"));
  }
  if (text[step.lastIndex] !== " ") throw new Error(`Cannot read the Airplane output line's path in "${text}".`);
  return { path, end: step.lastIndex };
}

/**
 * Runs `task` while the SDK's protocol lines are read into an `AirplaneOutput` instead of printed;
 * every other line goes through (unless `take` shows it itself). The SDK prints them with `console.log`
 * (one call a line), so that is what is intercepted.
 */
export async function captureAirplaneOutput<T>(
  output: AirplaneOutput,
  task: () => Promise<T>,
  /** Sees every other line first, and returns true for a line it has shown itself. */
  take: (line: string) => boolean = () => false,
): Promise<T> {
  /* oxlint-disable no-console -- console.log is the SDK's output channel, replaced for the run and put back */
  const log = console.log;
  console.log = (...args: unknown[]) => {
    const line = format(...args);
    if (!output.consume(line) && !take(line)) log(...args);
  };
  try {
    return await task();
  } finally {
    console.log = log;
  }
  /* oxlint-enable no-console */
}
