import { describe, expect, test } from "vitest";
import { ConfigError, defineConfig } from "@snakepit/core";
import { resolveTenant } from "../src/runtime/tenant-config.js";

const config = defineConfig({
  python: "3.11",
  environment: { name: "main" },
  libraries: { numpy: { package: "numpy>=1.24", functions: ["mean"] } },
  security: { mode: "strict" },
  execution: { workers: 4, timeoutMs: 5_000 },
  tenants: {
    acme: { quota: { maxConcurrent: 2 }, limits: { memoryMb: 512 } },
    beta: { workers: 1, security: { mode: "dynamic", allow: ["math.*"] } },
    reporting: { packages: ["openpyxl", "six"], timeoutMs: 60_000 },
    analytics: { packages: ["six", "openpyxl"] },
  },
});

describe("resolveTenant", () => {
  test("a tenant inherits what it does not set, and keeps the top level's environment when it needs the same packages", () => {
    const acme = resolveTenant(config, "acme", "/project");
    expect(acme.config.environment?.name).toBe("main");
    expect(acme.config.libraries).toEqual(config.libraries);
    expect(acme.config.security).toEqual({ mode: "strict" });
    expect(acme.config.execution).toEqual({ workers: 4, timeoutMs: 5_000 });
    expect(acme.config.tenants).toBeUndefined();
    expect(acme.quota).toEqual({ maxConcurrent: 2 });
    expect(acme.limits).toEqual({ memoryMb: 512 });
    const beta = resolveTenant(config, "beta", "/project");
    expect(beta.config.security).toEqual({ mode: "dynamic", allow: ["math.*"] });
    expect(beta.config.execution?.workers).toBe(1);
    expect(beta.config.environment?.name).toBe("main");
  });

  test("a tenant with other packages gets an environment named by its contents, shared with tenants that need the same", () => {
    const reporting = resolveTenant(config, "reporting", "/project");
    expect(reporting.extraPackages).toEqual(["openpyxl", "six"]);
    expect(reporting.config.environment?.name).toMatch(/^tenant-[0-9a-f]{12}$/);
    expect(reporting.config.execution?.timeoutMs).toBe(60_000);
    expect(resolveTenant(config, "analytics", "/project").config.environment?.name).toBe(reporting.config.environment?.name);
  });

  test("an unknown tenant is a ConfigError with a did-you-mean and the declared names", () => {
    expect(() => resolveTenant(config, "acm", "/project")).toThrow(ConfigError);
    expect(() => resolveTenant(config, "acm", "/project")).toThrow('There is no tenant "acm"; did you mean "acme"? Declared tenants: acme, beta, reporting, analytics.');
    expect(() => resolveTenant(defineConfig({ libraries: {} }), "acme", "/project")).toThrow(/declares no tenants/);
  });

  test("the schema refuses a misspelled quota key with a did-you-mean", () => {
    expect(() => defineConfig({ libraries: {}, tenants: { acme: { quota: { maxConcurent: 2 } } } } as never)).toThrow(/tenants\.acme\.quota\.maxConcurent: unknown key; did you mean "maxConcurrent"\?/);
  });
});
