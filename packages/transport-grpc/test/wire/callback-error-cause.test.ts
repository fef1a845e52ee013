import { create } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { PythonError } from "@snakepit/core";
import { PythonErrorSchema } from "../../src/gen/snakepit/v1/bridge_pb.js";
import { errorFromPython } from "../../src/wire/python-error-mapping.js";

describe("a TS callback's error that Python did not catch", () => {
  it("becomes the cause of the PythonError, rebuilt with its name, message and TS stack", () => {
    const wire = create(PythonErrorSchema, {
      type: "CallbackError",
      module: "snakepit_bridge.callbacks",
      message: "TypeError: bad value 7\nTypeScript stack:\nTypeError: bad value 7\n    at throwsInTs (app.ts:3:9)",
      traceback: "Traceback (most recent call last):\n  File \"lib.py\", line 2, in call_through\n",
    });
    const error = errorFromPython(wire, { target: "lib.call_through" });
    expect(error).toBeInstanceOf(PythonError);
    expect((error as PythonError).traceback).toContain("call_through");
    const cause = error.cause as Error;
    expect(cause.name).toBe("TypeError");
    expect(cause.message).toBe("bad value 7");
    expect(cause.stack).toContain("at throwsInTs (app.ts:3:9)");
  });

  it("leaves other Python errors, and released callbacks, without a TS cause", () => {
    const released = errorFromPython(create(PythonErrorSchema, { type: "CallbackReleasedError", module: "snakepit_bridge.callbacks", message: "the TypeScript callback f (handle 1) cannot be called" }), { target: "x" });
    expect(released.cause).toBeUndefined();
    const plain = errorFromPython(create(PythonErrorSchema, { type: "ValueError", module: "builtins", message: "TypeError: looks alike\nTypeScript stack:\n" }), { target: "x" });
    expect(plain.cause).toBeUndefined();
  });
});
