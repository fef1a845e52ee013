import type { Catalog } from "../config/catalog-types.js";
import { NotAllowedError } from "../errors/index.js";
import { describeTarget, type CallRequest } from "../model/call.js";
import { allowPattern, isExactPattern } from "./allow-pattern.js";
import { alwaysRefused, bridgeEntryPoints, pathTrick } from "./always-refused.js";
import { catalogGrants } from "./catalog-grants.js";

/** `strict`: only catalog-declared callables and `security.allow`; `dynamic`: the patterns granted. */
export type SecurityMode = "strict" | "dynamic";

/** The policy as the worker receives it: a mode and the complete list of grants. */
export interface SecurityPolicy {
  readonly mode: SecurityMode;
  readonly grants: readonly string[];
}

/** The `security` block of snakepit.config.ts. */
export interface SecurityConfig {
  readonly mode?: SecurityMode;
  readonly allow?: readonly string[];
}

const refusals = alwaysRefused.map(allowPattern);

/**
 * Decides, before a call leaves Node, whether its target may be reached; the
 * worker checks the same policy again (defence in depth, python/snakepit_bridge/policy.py),
 * so a refused call never runs even when someone talks to the socket directly.
 *
 * @example
 * const allowlist = CallAllowlist.fromConfig({ mode: "dynamic", allow: ["numpy.*"] });
 * allowlist.check({ target: "numpy.mean" });   // passes
 * allowlist.check({ target: "os.system" });    // throws NotAllowedError
 */
export class CallAllowlist {
  readonly #exact: ReadonlySet<string>;
  readonly #grants: readonly RegExp[];
  /** Decisions per path: the same few paths are called again and again, so each is matched once. */
  readonly #decisions = new Map<string, string | undefined>();

  constructor(readonly policy: SecurityPolicy) {
    this.#exact = new Set(policy.grants.filter(isExactPattern));
    this.#grants = policy.grants.map(allowPattern);
  }

  /** The default when nothing is configured: dynamic with "*"; the always-refused list still applies. */
  static permissive(): CallAllowlist {
    return new CallAllowlist({ mode: "dynamic", grants: ["*"] });
  }

  /** From config: strict grants the catalog's callables plus `allow`; dynamic grants `allow` (default "*"). */
  static fromConfig(security: SecurityConfig = {}, catalog?: Catalog): CallAllowlist {
    const mode = security.mode ?? "dynamic";
    const grants = mode === "strict" ? [...catalogGrants(catalog), ...(security.allow ?? [])] : [...(security.allow ?? ["*"])];
    return new CallAllowlist({ mode, grants });
  }

  /** Throws NotAllowedError when the request may not run. */
  check(request: CallRequest): void {
    const refusal = this.refusal(request);
    if (refusal) throw refusal;
  }

  /** The NotAllowedError a request would get, or undefined when it may run. */
  refusal(request: CallRequest): NotAllowedError | undefined {
    const rule = request.ref ? attributeRule(request.attribute ?? "") : this.#decide(request.target);
    return rule === undefined ? undefined : new NotAllowedError(describeTarget(request), rule);
  }

  /** Environment variables that hand this policy to a worker (read by policy.py). */
  workerEnvironment(): Record<string, string> {
    return securityEnvironment(this.policy);
  }

  #decide(path: string): string | undefined {
    if (this.#decisions.has(path)) return this.#decisions.get(path);
    const rule = this.#pathRule(path);
    // Bounded, so a caller inventing endless paths cannot grow it.
    if (this.#decisions.size >= 10_000) this.#decisions.clear();
    this.#decisions.set(path, rule);
    return rule;
  }

  #pathRule(path: string): string | undefined {
    const trick = pathTrick(path);
    if (trick) return trick;
    if (bridgeEntryPoints.has(path) || this.#exact.has(path)) return undefined;
    const segments = path.split(".");
    const privateName = segments.find((segment) => segment.startsWith("_"));
    if (privateName !== undefined) return `it walks the private name "${privateName}"`;
    for (let start = 0; start < segments.length; start += 1) {
      const suffix = segments.slice(start).join(".");
      if (refusals.some((refusal) => refusal.test(suffix))) return `"${suffix}" is on the always-refused list (it can run code, processes or delete files); only a grant of the exact path lifts that`;
    }
    if (!this.#grants.some((grant) => grant.test(path))) return `no pattern of the ${this.policy.mode} allowlist grants it`;
    return undefined;
  }
}

/** Environment variables that hand a policy to a worker: python/snakepit_bridge/policy.py reads them at startup. */
export function securityEnvironment(policy: SecurityPolicy): Record<string, string> {
  return { SNAKEPIT_SECURITY_MODE: policy.mode, SNAKEPIT_ALLOW: JSON.stringify(policy.grants) };
}

/** A remote object's attribute: public identifiers only (the worker also checks what it resolves to). */
function attributeRule(attribute: string): string | undefined {
  if (attribute === "") return undefined;
  if (attribute.startsWith("_")) return `it reads the private attribute "${attribute}" of a remote object`;
  return /^[A-Za-z][A-Za-z0-9_]*$/.test(attribute) ? undefined : `"${attribute}" is not a Python identifier`;
}
