import { SpanStatusCode, trace, type TracerProvider } from "@opentelemetry/api";
import type { Environment, EnvironmentManager, EnvironmentOperationOptions, EnvironmentSpec } from "@snakepit/core";

/**
 * `manager.ensure(spec)` inside a `snakepit.environment.ensure` span: a first
 * build or a lock can take seconds, and a trace of a slow start should say
 * so. A no-op span without an SDK.
 *
 * @example
 * const environment = await tracedEnsure(manager, spec, {}, tracerProvider);
 */
export async function tracedEnsure(manager: EnvironmentManager, spec: EnvironmentSpec, options: EnvironmentOperationOptions, tracerProvider: TracerProvider = trace.getTracerProvider()): Promise<Environment> {
  const span = tracerProvider.getTracer("snakepit").startSpan("snakepit.environment.ensure", {
    attributes: { "snakepit.environment.name": spec.name, "snakepit.environment.manager": manager.name, "snakepit.environment.packages": spec.packages.length },
  });
  try {
    const environment = await manager.ensure(spec, options);
    span.setAttribute("snakepit.environment.python_version", environment.pythonVersion);
    return environment;
  } catch (error) {
    if (error instanceof Error) span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message.split("\n", 1)[0] ?? "" : String(error) });
    throw error;
  } finally {
    span.end();
  }
}
