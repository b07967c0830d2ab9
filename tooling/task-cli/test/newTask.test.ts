import { describe, expect, it } from "vitest";
import { render, validateTaskSlug } from "../src/newTask";

// What new-task decides on its own; test/scaffold/newTask.test.ts generates tasks in a copy of this repository.
describe("validateTaskSlug", () => {
  it.each(["a", "rotate_access_logs", "t2", "x".repeat(49)])("accepts %s", (slug) => {
    expect(validateTaskSlug(slug)).toBe(slug);
  });

  it.each(["", "Rotate", "rotate-logs", "2fast", "_private", "x".repeat(50), "with space"])("rejects %j", (slug) => {
    expect(() => validateTaskSlug(slug)).toThrow(/is not a valid Airplane task slug: use 1 to 49 characters/);
  });
});

describe("render", () => {
  const values = { slug: "my_task", name: "My task", versions: new Map([["airplane", "0.2.85"]]) };

  it("replaces each placeholder once, never reading a value as a template", () => {
    expect(render('import task from "../{{slug}}.airplane"; // {{name}} {{version airplane}}', values)).toBe(
      'import task from "../my_task.airplane"; // My task 0.2.85',
    );
    expect(render("aws_role_arn_{{slug}}", { ...values, slug: "task" })).toBe("aws_role_arn_task");
  });

  it.each([["{{slugs}}"], ["{{version nothing}}"], ["{{slug extra}}"]])("refuses %s", (text) => {
    expect(() => render(text, values)).toThrow(/placeholder|No workspace declares/);
  });
});
