import { debug, setSecret } from "@actions/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { githubStepOutput, workflowCommand } from "../src/githubStepOutput";

afterEach(() => {
  vi.restoreAllMocks();
});

/** What `@actions/core` prints on stdout for `call`, written by its own command writer. */
function printedBy(call: () => void): string {
  const written: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  call();
  vi.restoreAllMocks();
  return written.join("");
}

const TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOmFjbWUvYXdzLXRhc2tzIn0.c2lnbmF0dXJl";

describe("githubStepOutput: a step's output as GitHub's runner shows it", () => {
  it("drops the ::add-mask:: and ::debug:: lines getIDToken prints and masks the token everywhere", () => {
    const commands = printedBy(() => {
      debug("ID token url is https://127.0.0.1/_apis/idtoken?api-version=2.0");
      setSecret(TOKEN);
    });
    const shown = githubStepOutput({
      stdout: `${commands}{\n  "token": "${TOKEN}"\n}\n`,
      stderr: `Progress: 1/1\nthe token was ${TOKEN}\n`,
      summary: `| token | ${TOKEN} |\n`,
    });

    expect(shown).toEqual({
      stdout: '{\n  "token": "***"\n}\n',
      stderr: "Progress: 1/1\nthe token was ***\n",
      summary: "| token | *** |\n",
    });
  });

  it("masks a value with the characters @actions/core escapes, as the runner unescapes them", () => {
    const secret = "100%0A-not-a-newline\nsecond line";
    const commands = printedBy(() => setSecret(secret));
    expect(commands).toBe("::add-mask::100%250A-not-a-newline%0Asecond line\n");
    expect(githubStepOutput({ stdout: `${commands}[${secret}]`, stderr: "", summary: "" }).stdout).toBe("[***]");
  });

  it("masks the longer of two values whole when one contains the other", () => {
    const shown = githubStepOutput({
      stdout: "::add-mask::abc\n::add-mask::abcdef\nabcdef abc",
      stderr: "",
      summary: "",
    });
    expect(shown.stdout).toBe("*** ***");
  });

  it("reads commands in any case, after leading white space, on either stream", () => {
    const shown = githubStepOutput({
      stdout: "  ::ADD-MASK::on-stdout\nsecret on-stdout, on-stderr",
      stderr: "\t::Add-Mask::on-stderr\n::DEBUG::hidden",
      summary: "on-stdout on-stderr",
    });
    expect(shown).toEqual({ stdout: "secret ***, ***", stderr: "", summary: "*** ***" });
  });

  it("leaves lines that are no command, other commands, and an empty mask (which the runner refuses)", () => {
    const text = ":: not a command\nvalue::a::b\n::warning::careful\n::add-mask no end\ntext";
    expect(githubStepOutput({ stdout: `${text}\n::add-mask::  \n`, stderr: "", summary: "" }).stdout).toBe(`${text}\n`);
  });
});

describe("workflowCommand", () => {
  it.each([
    ["::add-mask::x", { name: "add-mask", data: "x" }],
    ["::warning file=a.ts,line=1::careful", { name: "warning", data: "careful" }],
    ["::debug::a%3Ab", { name: "debug", data: "a%3Ab" }],
    ["::endgroup::", { name: "endgroup", data: "" }],
    ["text ::add-mask::x", undefined],
    ["::add-mask", undefined],
    [":::: x", undefined],
  ])("reads %j", (line, command) => {
    expect(workflowCommand(line)).toEqual(command);
  });
});
