import { parseProgressLine, progressBar } from "@repo/run-progress";

const CLEAR_LINE = "\r\u001b[2K";

/**
 * On a terminal, the progress lines a task logs (`@repo/run-progress`, at most one a second) as one
 * bar redrawn in place; any other line is printed as usual, above it. Airplane's run log, `--json`
 * and a pipe get the lines themselves.
 */
export class LiveProgress {
  private showing = false;

  constructor(private readonly terminal: { write(text: string): unknown }) {}

  /** True for a progress line, drawn as the bar; false for any other, which the caller prints. */
  take(line: string): boolean {
    const snapshot = parseProgressLine(line);
    if (this.showing) this.terminal.write(CLEAR_LINE);
    if (snapshot) this.terminal.write(progressBar(snapshot));
    this.showing = snapshot !== undefined;
    return this.showing;
  }

  /** Leaves the last bar on screen, on a line of its own. */
  end(): void {
    if (this.showing) this.terminal.write("\n");
    this.showing = false;
  }
}
