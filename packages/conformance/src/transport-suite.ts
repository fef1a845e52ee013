import type { Transport } from "@snakepit/core";
import type { Factory, TestApi } from "./test-api.js";
import { batchTests } from "./transport/batch-tests.js";
import { callTests } from "./transport/call-tests.js";
import { callbackTests } from "./transport/callback-tests.js";
import { cancellationTests } from "./transport/cancellation-tests.js";
import { deadlineTests } from "./transport/deadline-tests.js";
import { describeTests } from "./transport/describe-tests.js";
import { errorTests } from "./transport/error-tests.js";
import { lifecycleTests } from "./transport/lifecycle-tests.js";
import { refTests } from "./transport/ref-tests.js";
import { streamTests } from "./transport/stream-tests.js";
import { transportTestContext } from "./transport/transport-test-context.js";
import { valueTests } from "./transport/value-tests.js";

/** Groups of the transport suite; set one to false when the transport cannot support it. Each defaults to true. */
export interface TransportSuiteOptions {
  /** Codec round trips of every standard-library value type through copy.deepcopy. */
  readonly values?: boolean;
  /** Remote refs: constructors, methods, getattr/setattr, passing refs back, release. */
  readonly refs?: boolean;
  /** Server streaming of generators and iterables. */
  readonly streaming?: boolean;
  /** batch() with failures in slots and stopOnError. */
  readonly batch?: boolean;
  /** timeoutMs gives TimeoutError. */
  readonly deadlines?: boolean;
  /** AbortSignal gives CancelledError. */
  readonly cancellation?: boolean;
  /** describe() of functions, modules and classes. */
  readonly describe?: boolean;
  /** TypeScript functions in call arguments, called back by Python (functools.reduce). */
  readonly callbacks?: boolean;
  /** Per-test timeout, for transports whose factory starts a Python process. Default 10 s. */
  readonly timeoutMs?: number;
}

/**
 * Registers the Transport conformance tests. The factory must return a fresh
 * transport that can reach the Python standard-library targets listed in
 * `stdlibTargets` (a real worker can; an InMemoryTransport can with
 * `stdlibHandlers()`). Every test closes its transport when done.
 *
 * @example
 * import { test } from "vitest";
 * import { InMemoryTransport } from "@snakepit/core/testing";
 * import { stdlibHandlers, transportSuite } from "@snakepit/conformance";
 *
 * transportSuite(test, () => new InMemoryTransport(stdlibHandlers()));
 */
export function transportSuite(test: TestApi, factory: Factory<Transport>, options: TransportSuiteOptions = {}): void {
  const enabled = (flag: keyof Omit<TransportSuiteOptions, "timeoutMs">) => options[flag] ?? true;
  const context = transportTestContext(test, factory, options.timeoutMs ?? 10_000);
  callTests(context);
  errorTests(context);
  if (enabled("values")) valueTests(context);
  if (enabled("refs")) refTests(context);
  if (enabled("streaming")) streamTests(context);
  if (enabled("batch")) batchTests(context);
  if (enabled("deadlines")) deadlineTests(context);
  if (enabled("cancellation")) cancellationTests(context, { streaming: enabled("streaming") });
  if (enabled("describe")) describeTests(context);
  if (enabled("callbacks")) callbackTests(context);
  lifecycleTests(context);
}
