/**
 * @snakepit/core: ports, domain model, errors, DI tokens and the Snakepit
 * facade. Depends on no other Snakepit package; adapters plug into it.
 */
export type * from "./ports/index.js";
export * from "./errors/index.js";
export type { CallKind, ResultMode, CallRequest, TransportCallOptions, BatchOptions, CallOutcome } from "./model/call.js";
export { describeTarget } from "./model/call.js";
export type * from "./model/description.js";
export type * from "./model/environment.js";
export type * from "./model/health.js";
export { specFingerprint } from "./model/fingerprint.js";
export { RemoteRef, isRemoteRef } from "./model/remote-ref.js";
export { NDArray, dtypeOf, type DType, type AnyTypedArray, type TypedArrayOf } from "./model/ndarray.js";
export { Kwargs, kw, splitKwargs } from "./model/kwargs.js";
export { PyTuple, tuple } from "./model/tuple.js";
export { TypeRegistry, typeRegistry, type UserType, type TsTypeMapping } from "./model/type-registry.js";
export type * from "./config/catalog-types.js";
export { defineConfig, defineCatalog, type SnakepitConfig, type TenantConfig } from "./config/define-config.js";
export { parseDuration } from "./config/duration.js";
export { dottedPathProblem } from "./config/dotted-path.js";
export { closestName } from "./config/closest-name.js";
export { canonicalHash } from "./cache-key/canonical-encoding.js";
export { Snakepit, type CallOptions, type BatchCall, type SnakepitDependencies } from "./facade/snakepit.js";
export { createSnakepit } from "./facade/create-snakepit.js";
export { CallCoalescer } from "./facade/call-coalescer.js";
export { hasKeys } from "./facade/has-keys.js";
export { CallAudit, type AuditOptions, type CallAuditRecord } from "./facade/call-audit.js";
export { PipelineBuilder } from "./facade/pipeline-builder.js";
export { PipelineNode, KeptNode } from "./facade/pipeline-node.js";
export type { PipelineResult } from "./facade/pipeline-reply.js";
export { pipelineTarget, type PipelineGraph, type PipelineStep, type PipelineOutput, type PipelineReply, type PipelineFailure } from "./facade/pipeline-graph.js";
export { RemoteObject, type RemoteProxy, type DynamicMethods } from "./facade/remote-object.js";
export type { ModuleProxy } from "./facade/module-proxy.js";
export { callPoliciesOf, type ResolvedPolicy } from "./facade/call-policies.js";
export type { CacheStats } from "./facade/result-cache.js";
export * from "./di/tokens.js";
export { CoreContainerModule, type CoreContainerModuleOptions } from "./di/core-container-module.js";
export * from "./security/index.js";
export * from "./callbacks/index.js";
export type { TraceContext } from "./model/trace-context.js";
export { CallTelemetry, type TelemetryEntry, type TracedCall } from "./telemetry/call-telemetry.js";
export type { TelemetryOptions } from "./telemetry/telemetry-options.js";
export { telemetryNames } from "./telemetry/telemetry-names.js";
export { traceContextOf } from "./telemetry/trace-context-of.js";
export { loadOnFirstUse } from "./modules/load-on-first-use.js";
