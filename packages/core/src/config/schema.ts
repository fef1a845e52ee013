import { z } from "zod";
import { dottedPathProblem } from "./dotted-path.js";
import { parseDuration } from "./duration.js";

/** Validation rules for snakepit.config.ts; `defineConfig` turns failures into a ConfigError. */
const pythonName = z.string().superRefine((value, context) => {
  const problem = dottedPathProblem(value);
  if (problem) context.addIssue({ code: "custom", message: `"${value}" is not a valid dotted path: ${problem}` });
});

const duration = z.union([z.string(), z.number()]).superRefine((value, context) => {
  if (parseDuration(value) === undefined) {
    context.addIssue({ code: "custom", message: `"${value}" is not a duration: write milliseconds or a number with ms, s, m, h or d ("30s", "1h")` });
  }
});

const pythonVersion = z.string().regex(/^(==|>=|<=|~=|>|<)?\s*3(\.\d+){0,2}$/, {
  message: "Python version must look like \"3.11\", \"3.12.4\" or \">=3.10\"",
});

const requirement = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9,._-]+\])?\s*([<>=!~]=?.*|@.*)?$/, {
  message: "package must be a PEP 508 requirement such as \"numpy>=1.24\" or \"scikit-learn\"",
});

const typeHints = z.strictObject({ params: z.record(z.string(), z.string()).optional(), returns: z.string().optional() });

const callPolicy = {
  pure: z.boolean().optional(),
  ttl: duration.optional(),
  deadlineMs: z.number().int().positive().optional(),
  idempotent: z.boolean().optional(),
};

const functionEntry = z.union([pythonName, z.strictObject({ name: pythonName, types: typeHints.optional(), ...callPolicy })]);
const classEntry = z.union([pythonName, z.strictObject({ name: pythonName, methods: z.array(functionEntry).optional() })]);

export const librarySchema = z.strictObject({
  package: requirement.optional(),
  path: z.string().min(1).optional(),
  module: pythonName.optional(),
  functions: z.array(functionEntry).optional(),
  classes: z.array(classEntry).optional(),
  modules: z.array(pythonName).optional(),
  cache: z.strictObject({ ttl: duration.optional() }).optional(),
  generatedBy: z.strictObject({ generator: z.string(), model: z.string().optional(), at: z.string() }).optional(),
});

export const catalogSchema = z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
  message: "library keys become TypeScript names: letters, digits and _ only",
}), librarySchema);

const securitySchema = z.strictObject({
  mode: z.enum(["strict", "dynamic"]).optional(),
  allow: z.array(z.string()).optional(),
});

/** Resource limits each worker sets on itself (port-python WorkerLimits). */
const limitsSchema = z.strictObject({
  memoryMb: z.number().int().positive().optional(),
  cpuSeconds: z.number().int().positive().optional(),
  maxMessageMb: z.number().int().positive().optional(),
});

/** A tenant's share of the machine: past it, its calls fail with QuotaExceededError. */
const quotaSchema = z.strictObject({
  maxConcurrent: z.number().int().positive().optional(),
  maxQueued: z.number().int().min(0).optional(),
  rate: z.strictObject({ calls: z.number().int().positive(), per: duration }).optional(),
});

/** A named pool: its own workers, and its own environment, allowlist, limits and quota (defaults: the top level's). */
export const tenantSchema = z.strictObject({
  libraries: catalogSchema.optional(),
  packages: z.array(requirement).optional(),
  python: pythonVersion.optional(),
  security: securitySchema.optional(),
  limits: limitsSchema.optional(),
  workers: z.number().int().min(1).max(256).optional(),
  timeoutMs: z.number().int().positive().optional(),
  quota: quotaSchema.optional(),
});

/**
 * Workers on other machines (`python -m snakepit_bridge serve --listen … --tls-*`),
 * reached over TLS instead of starting a local pool. Paths are relative to the
 * project folder; the token comes from the environment or a file, never from the config.
 */
const remoteWorkersSchema = z.strictObject({
  endpoints: z.array(z.strictObject({
    address: z.string().regex(/^(\[[^\]]+\]|[^:/\s]+):\d{1,5}$/, { message: "a remote worker address is host:port, such as \"10.0.0.5:50051\" or \"snakepit-workers:50051\"" }),
    name: z.string().min(1).optional(),
  })).min(1, { message: "list at least one remote worker endpoint" }),
  /** Every address of each endpoint's DNS name becomes an endpoint (a Kubernetes headless Service). */
  resolveAll: z.boolean().optional(),
  tokenEnv: z.string().optional(),
  tokenFile: z.string().optional(),
  tls: z.strictObject({ ca: z.string().optional(), cert: z.string().optional(), key: z.string().optional(), serverName: z.string().optional() }).optional(),
  /** Plain text off this machine; only on a network that is already private and encrypted. */
  insecure: z.boolean().optional(),
  capacity: z.number().int().positive().optional(),
  healthIntervalMs: z.number().int().positive().optional(),
});

export const configSchema = z.strictObject({
  python: pythonVersion.optional(),
  environment: z.strictObject({
    manager: z.enum(["auto", "uv", "poetry", "conda", "venv"]).optional(),
    name: z.string().regex(/^[A-Za-z0-9_.-]+$/, { message: "environment name must be folder-safe (letters, digits, . _ -)" }).optional(),
    projectDir: z.string().optional(),
    cacheDir: z.string().optional(),
  }).optional(),
  libraries: catalogSchema,
  execution: z.strictObject({
    workers: z.number().int().min(1).max(256).optional(),
    timeoutMs: z.number().int().positive().optional(),
    maxQueue: z.number().int().positive().optional(),
    /**
     * µs that Node (after a lone call or batch whose replies lately came that fast, or a
     * callback's answer) and a worker (after answering a lone call, or waiting
     * for a callback's answer) keep polling instead of sleeping (README,
     * "Spinning"); 0 never. Default 300.
     */
    spinMicros: z.number().int().min(0).max(100_000).optional(),
    /**
     * Calls of a path the workers report to run in at most this many µs are
     * packed onto one worker, which polls for the next frame instead of
     * sleeping (README, "Cheap calls share one worker"); 0 never. Default 5.
     */
    laneMicros: z.number().min(0).max(1_000_000).optional(),
    /** Run calls on workers on other machines instead of a local pool (see README, "Workers on other machines"). */
    remote: remoteWorkersSchema.optional(),
    batching: z.strictObject({ coalesce: z.boolean().optional(), maxBatchSize: z.number().int().positive().optional() }).optional(),
    cache: z.strictObject({
      enabled: z.boolean().optional(),
      ttl: duration.optional(),
      store: z.enum(["memory", "redis"]).optional(),
      redisUrl: z.string().optional(),
    }).optional(),
  }).optional(),
  llm: z.strictObject({
    provider: z.literal("openai-compatible").optional(),
    model: z.string().optional(),
    baseURL: z.url().optional(),
    apiKeyEnv: z.string().optional(),
  }).optional(),
  security: securitySchema.optional(),
  /** Converters for the user's own classes: TypeScript modules that call `typeRegistry.register`, Python modules that call `snakepit_bridge.types.register`. */
  types: z.strictObject({
    typescript: z.array(z.string().min(1)).optional(),
    python: z.array(pythonName).optional(),
  }).optional(),
  tenants: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/, {
    message: "tenant names are used in folder and error names: letters, digits, _ and - only",
  }), tenantSchema).optional(),
});
