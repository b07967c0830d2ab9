import { S3ServiceException } from "@aws-sdk/client-s3";
import { describe, expect, it } from "vitest";
import { errorText } from "../src";

describe("errorText", () => {
  it("shows an AWS service error's code, which only its name carries, with its message", () => {
    const denied = new S3ServiceException({
      name: "AccessDenied",
      $fault: "client",
      $metadata: {},
      message: "Access Denied",
    });
    expect(errorText(denied)).toBe("AccessDenied: Access Denied");
  });

  it("knows a service error by its shape, as the SDK does, whichever copy of the SDK made it", () => {
    const sdkShaped = Object.assign(new Error("Slow down"), { name: "SlowDown", $fault: "server", $metadata: {} });
    expect(errorText(sdkShaped)).toBe("SlowDown: Slow down");
  });

  it("does not repeat a code the message already starts with", () => {
    const error = new S3ServiceException({
      name: "NoSuchBucket",
      $fault: "client",
      $metadata: {},
      message: "NoSuchBucket: b",
    });
    expect(errorText(error)).toBe("NoSuchBucket: b");
  });

  it("shows any other error by its message alone, whatever its class is named", () => {
    class InvalidInputError extends Error {
      override readonly name = "InvalidInputError";
    }
    expect(errorText(new InvalidInputError("bucket: too short."))).toBe("bucket: too short.");
    expect(errorText(new TypeError("x is not a function"))).toBe("x is not a function");
    expect(errorText("a string")).toBe("a string");
  });
});
