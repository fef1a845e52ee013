import { describe, expect, test } from "vitest";
import { createSnakepit, type CallAuditRecord } from "../src/index.js";
import { InMemoryTransport } from "../src/testing/index.js";

const secret = "hunter2-secret-value";

function auditedSnakepit(includeArguments?: boolean) {
  const records: CallAuditRecord[] = [];
  const transport = new InMemoryTransport({
    "hashlib.digest": (value: string) => value.length,
    "numbers.count": function* (limit: number) {
      for (let index = 0; index < limit; index += 1) yield index;
    },
  });
  const py = createSnakepit({ transport, audit: { onCall: (record) => records.push(record), caller: "billing", ...(includeArguments !== undefined ? { includeArguments } : {}) } });
  return { py, records };
}

describe("the audit hook", () => {
  test("records label, path, kind, duration and outcome, and never argument values by default", async () => {
    const { py, records } = auditedSnakepit();
    await py.call("hashlib.digest", [secret], { key: secret }, { label: "checkout" });
    await py.call("os.system", [secret]).catch(() => undefined);
    await py.call("hashlib.missing", [secret]).catch(() => undefined);
    for await (const _item of py.stream("numbers.count", [2])) void _item;
    await py.batch([{ path: "hashlib.digest", args: [secret] }]);
    expect(records.map(({ label, path, kind, outcome }) => ({ label, path, kind, outcome }))).toEqual([
      { label: "checkout", path: "hashlib.digest", kind: "call", outcome: "ok" },
      { label: "billing", path: "os.system", kind: "call", outcome: "NOT_ALLOWED" },
      { label: "billing", path: "hashlib.missing", kind: "call", outcome: "NOT_FOUND" },
      { label: "billing", path: "numbers.count", kind: "stream", outcome: "ok" },
      { label: "billing", path: "hashlib.digest", kind: "batch", outcome: "ok" },
    ]);
    expect(records.every((record) => record.durationMs >= 0)).toBe(true);
    expect(JSON.stringify(records)).not.toContain(secret);
  });

  test("includes argument values only when asked", async () => {
    const { py, records } = auditedSnakepit(true);
    await py.call("hashlib.digest", [secret], { key: secret });
    expect(records[0]).toMatchObject({ args: [secret], kwargs: { key: secret } });
  });

  test("a refused stream is recorded too, and a throwing sink does not fail the call", async () => {
    const { py, records } = auditedSnakepit();
    await expect(py.stream("subprocess.run").next()).rejects.toThrow(/not allowed/);
    expect(records.at(-1)).toMatchObject({ path: "subprocess.run", kind: "stream", outcome: "NOT_ALLOWED" });
    const throwing = createSnakepit({ transport: new InMemoryTransport({ "math.floor": Math.floor }), audit: { onCall: () => { throw new Error("sink down"); } } });
    expect(await throwing.call("math.floor", [2.5])).toBe(2);
  });
});
