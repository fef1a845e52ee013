import assert from "node:assert/strict";
import { NotFoundError, PythonError, SnakepitError } from "@snakepit/core";
import { rejectsWith } from "../assertions.js";
import type { TransportTestContext } from "./transport-test-context.js";

/** Python exceptions and missing targets map to typed errors, and the transport survives them. */
export function errorTests({ test }: TransportTestContext): void {
  test("errors: math.sqrt(-1) rejects with PythonError whose pythonType is ValueError", async (transport) => {
    const error = await rejectsWith(transport.call({ target: "math.sqrt", args: [-1] }), PythonError);
    assert.ok(error instanceof SnakepitError);
    assert.equal(error.code, "PYTHON_EXCEPTION");
    assert.equal(error.pythonType, "ValueError");
    assert.equal(error.target, "math.sqrt");
    assert.ok(error.pythonMessage.length > 0, "pythonMessage should carry Python's message");
    assert.ok(error.message.includes("ValueError"), `message should name the Python type: ${error.message}`);
  });

  test("errors: builtins.divmod(1, 0) rejects with ZeroDivisionError", async (transport) => {
    const error = await rejectsWith(transport.call({ target: "builtins.divmod", args: [1, 0] }), PythonError);
    assert.equal(error.pythonType, "ZeroDivisionError");
  });

  test("errors: a missing function rejects with NotFoundError", async (transport) => {
    const error = await rejectsWith(transport.call({ target: "math.no_such_function", args: [1] }), NotFoundError);
    assert.equal(error.code, "NOT_FOUND");
  });

  test("errors: a missing module rejects with NotFoundError", async (transport) => {
    await rejectsWith(transport.call({ target: "snakepit_no_such_module.function", args: [] }), NotFoundError);
  });

  test("errors: the transport keeps working after failed calls", async (transport) => {
    await rejectsWith(transport.call({ target: "math.sqrt", args: [-1] }), PythonError);
    await rejectsWith(transport.call({ target: "math.no_such_function" }), NotFoundError);
    assert.equal(await transport.call({ target: "math.sqrt", args: [9] }), 3);
  });
}
