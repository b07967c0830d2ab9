import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";
import { describe, expect, it } from "vitest";
import { jobSummary, type TaskRunReport } from "../src/jobSummary";
import type { TaskConfig } from "../src/taskDefinition";

/** The summary as GitHub shows it: GitHub-flavoured Markdown, HTML let through. */
function rendered(markdown: string | undefined): string {
  return micromark(markdown ?? "", { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

/** The text of each cell of each row of the one table in the HTML, line breaks as \n. */
function tableCells(html: string): string[][] {
  return [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row = ""]) =>
    [...row.matchAll(/<t[hd]>([\s\S]*?)<\/t[hd]>/g)].map(([, cell = ""]) => textOf(cell)),
  );
}

function textOf(html: string): string {
  return html
    .replace(/<br( \/)?>/g, "\n")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

// Values a tag may hold that would break a table or inject markup if written as they are.
const HOSTILE = [
  "a | b",
  "line one\nline two",
  "`code` and ``more``",
  "<script>alert(1)</script>",
  '<img src="x" onerror="alert(1)">',
  "[click](https://evil.example)",
  "![pixel](https://evil.example/p.png)",
  "**bold** _em_ ~~gone~~",
  "&lt; &amp; &#60;",
  ":warning: @octocat #1",
  "https://evil.example www.evil.example",
  "\\| escaped already",
  "1. not a list",
];

const TABLE_TASK: TaskConfig = {
  slug: "list_s3_bucket_tags",
  name: "List S3 bucket tags",
  outputDisplay: {
    type: "table",
    columns: [
      { label: "Key", accessor: "key" },
      { label: "Value", accessor: "value" },
    ],
  },
};

function run(report: Partial<TaskRunReport>): TaskRunReport {
  return { slug: TABLE_TASK.slug, config: TABLE_TASK, outcome: "succeeded", output: undefined, ...report };
}

describe("jobSummary", () => {
  it("shows a table display as a Markdown table whose cells are exactly the values, none of them markup", () => {
    const output = HOSTILE.map((value, index) => ({ key: `k${index}`, value }));
    const html = rendered(jobSummary(run({ output })));
    expect(tableCells(html)).toEqual([["Key", "Value"], ...HOSTILE.map((value, index) => [`k${index}`, value])]);
    for (const element of ["<script", "<img", "<a ", "<code", "<strong", "<em", "<del", "<ol", "<h1"]) {
      expect(html).not.toContain(element);
    }
  });

  it("heads the summary with the task, its slug and the outcome, and quotes a failed run's error", () => {
    const html = rendered(
      jobSummary(run({ outcome: "failed", output: [], error: "Access denied <b>for</b>\nrole `x`" })),
    );
    expect(html).toMatch(/^<h2>List S3 bucket tags \(list_s3_bucket_tags\): failed<\/h2>\n<blockquote>\n<p>/);
    expect(html).toContain("<p>Access denied &lt;b&gt;for&lt;/b&gt;<br>role `x`</p>");
  });

  it("shows a description list as a list of terms and descriptions", () => {
    const config: TaskConfig = {
      slug: "get_aws_caller_identity",
      outputDisplay: { type: "descriptionList", value: "{{[{ term: 'Role', description: output.role }]}}" },
    };
    const html = rendered(jobSummary(run({ config, slug: config.slug, output: { role: "<i>admin</i> | all" } })));
    expect(html).toContain("<ul>\n<li><strong>Role</strong>: &lt;i&gt;admin&lt;/i&gt; | all</li>\n</ul>");
  });

  it("shows any other output as JSON in a code block that no value can close", () => {
    const output = { note: "```\n<script>x</script>", count: 2 };
    const html = rendered(jobSummary(run({ config: { slug: "plain" }, slug: "plain", output })));
    const block = /<pre><code class="language-json">([\s\S]*)<\/code><\/pre>/.exec(html)?.[1];
    expect(JSON.parse(textOf(block ?? ""))).toEqual(output);
    expect(html).not.toContain("<script");
  });

  it("shows a failed run's output as JSON when its display cannot read it", () => {
    const config: TaskConfig = { slug: "t", outputDisplay: { type: "table", value: "{{output.rows.map((r) => r)}}" } };
    const html = rendered(jobSummary(run({ config, slug: "t", outcome: "failed", output: { error: "boom" } })));
    expect(html).toContain('<code class="language-json">{\n  &quot;error&quot;: &quot;boom&quot;\n}');
  });

  it("says when the task set no output", () => {
    expect(jobSummary(run({}))).toContain("_The task set no output._");
  });

  it("keeps the first rows that fit in the size given, and says how many of how many", () => {
    const limit = 64 * 1024;
    const output = Array.from({ length: 2000 }, (_, index) => ({ key: `key-${index}`, value: "v".repeat(80) }));
    const summary = jobSummary(run({ output }), limit) ?? "";
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(limit);
    const shown = /_The job summary shows the first (\d+) of 2000 rows: GitHub keeps 1 MiB of it a step\./.exec(
      summary,
    );
    const kept = Number(shown?.[1]);
    const cells = tableCells(rendered(summary));
    expect(cells).toHaveLength(kept + 1);
    expect(cells.at(-1)).toEqual([`key-${kept - 1}`, "v".repeat(80)]);
    // A row is about 100 bytes: one more would not have fitted.
    expect(Buffer.byteLength(summary) + 100).toBeGreaterThan(limit);
  });

  it("gives nothing when not even the heading fits", () => {
    expect(jobSummary(run({ output: [{ key: "a", value: "b" }] }), 40)).toBeUndefined();
  });
});
