import { create } from "@bufbuild/protobuf";
import { CancelledError, CodecError, NotAllowedError, NotFoundError, PythonError, TimeoutError, TransportError } from "@snakepit/core";
import { describe, expect, it } from "vitest";
import { PythonErrorSchema } from "../../src/gen/snakepit/v1/bridge_pb.js";
import { errorFromPython } from "../../src/wire/python-error-mapping.js";
import { RpcFailure, errorFromRpc } from "../../src/wire/rpc-failure.js";
import { parseAddress } from "../../src/wire/endpoint-address.js";

const context = { target: "numpy.mean", timeoutMs: 100 };
const raised = (bridgeCode: string) => create(PythonErrorSchema, { type: "ValueError", module: "builtins", message: "bad", traceback: "Traceback…", bridgeCode });

describe("errorFromPython", () => {
  it.each([
    ["not_found", NotFoundError],
    ["unknown_ref", NotFoundError],
    ["not_allowed", NotAllowedError],
    ["cancelled", CancelledError],
    ["deadline", TimeoutError],
    ["encode", CodecError],
    ["decode", CodecError],
    ["", PythonError],
    ["not_callable", PythonError],
  ])("maps bridge code %j", (code, expected) => {
    expect(errorFromPython(raised(code), context)).toBeInstanceOf(expected);
  });

  it("keeps the Python exception as the cause of bridge errors", () => {
    const error = errorFromPython(raised("not_found"), context);
    expect(error.cause).toBeInstanceOf(PythonError);
    expect((error.cause as PythonError).traceback).toBe("Traceback…");
  });
});

describe("errorFromRpc", () => {
  const where = { ...context, endpoint: "w1" };
  it("maps deadline and cancellation", () => {
    expect(errorFromRpc(new RpcFailure(4, "deadline"), where)).toBeInstanceOf(TimeoutError);
    expect(errorFromRpc(new RpcFailure(1, "cancelled"), where)).toBeInstanceOf(CancelledError);
    expect(errorFromRpc(new RpcFailure(14, "x"), { ...where, signal: AbortSignal.abort() })).toBeInstanceOf(CancelledError);
  });

  it.each([
    [14, /running and listening/],
    [16, /token/],
    [8, /size limit/],
    [12, /version/],
  ])("says what to check for status %i", (status, message) => {
    const error = errorFromRpc(new RpcFailure(status, "details"), where);
    expect(error).toBeInstanceOf(TransportError);
    expect(error.message).toMatch(message);
    expect(error.message).toContain("w1");
  });
});

describe("parseAddress", () => {
  it.each([
    ["unix:/tmp/w.sock", { kind: "unix", path: "/tmp/w.sock" }],
    ["unix:///tmp/w.sock", { kind: "unix", path: "/tmp/w.sock" }],
    ["/tmp/w.sock", { kind: "unix", path: "/tmp/w.sock" }],
    ["127.0.0.1:50051", { kind: "tcp", host: "127.0.0.1", port: 50051 }],
    ["[::1]:7000", { kind: "tcp", host: "::1", port: 7000 }],
  ])("reads %s", (address, expected) => {
    expect(parseAddress(address)).toEqual(expected);
  });

  it("refuses anything else with the accepted forms", () => {
    expect(() => parseAddress("localhost")).toThrow(/host:port/);
  });
});
