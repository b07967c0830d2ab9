import { describe, expect, it } from "vitest";
import {
  AIRPLANE_PROVIDER_ARN,
  AUDIENCE_CONDITION_KEY,
  PROVIDER_ARN_TEMPLATE,
  providerArn,
  providerHost,
  SUBJECT_CONDITION_KEY,
} from "../src";

describe("Airplane's OIDC provider as IAM names it", () => {
  it("names the condition keys after the issuer without its scheme", () => {
    expect(AUDIENCE_CONDITION_KEY).toBe("api.airplane.dev:aud");
    expect(SUBJECT_CONDITION_KEY).toBe("api.airplane.dev:sub");
    expect(providerHost("https://issuer.example.com/tenant/")).toBe("issuer.example.com/tenant");
  });

  it("recognises the provider's ARN in any account and partition, and only that provider", () => {
    expect(providerArn("123456789012")).toBe("arn:aws:iam::123456789012:oidc-provider/api.airplane.dev");
    expect(AIRPLANE_PROVIDER_ARN.test(providerArn("123456789012"))).toBe(true);
    expect(AIRPLANE_PROVIDER_ARN.test("arn:aws-us-gov:iam::123456789012:oidc-provider/api.airplane.dev")).toBe(true);
    expect(AIRPLANE_PROVIDER_ARN.test(PROVIDER_ARN_TEMPLATE)).toBe(false);
    expect(AIRPLANE_PROVIDER_ARN.test("arn:aws:iam::123456789012:oidc-provider/airplane.dev")).toBe(false);
  });
});
