import { createSnakepit } from "@snakepit/core";
import { PayloadCodec } from "../packages/transport-grpc/dist/codec/payload-codec.js";
const codec = new PayloadCodec("w", undefined, true);
const transport = {
  capabilities: { nativeBatch: true, streaming: true, refs: true, remoteCancellation: true },
  async call(req) { return 3; },
  async batch(calls) { for (const c of calls) codec.encode(c.args); return calls.map(() => ({ status: "fulfilled", value: 3 })); },
  stream() {}, async release() {}, async describe() {}, async health() { return { endpoints: [] }; }, async close() {},
};
const py = createSnakepit({ transport, coalesce: true });
async function run(total) { let issued = 0; await Promise.all(Array.from({ length: 64 }, async () => { while (issued < total) { issued++; await py.call("operator.add", [1, 2]); } })); }
await run(200000);
const { Session } = await import("node:inspector/promises"); const session = new Session(); session.connect(); await session.post("Profiler.enable"); await session.post("Profiler.setSamplingInterval", { interval: 20 }); await session.post("Profiler.start");
const s = performance.now(); await run(1000000); console.log("per call", ((performance.now() - s) * 1000 / 1000000).toFixed(2), "us");
const { profile } = await session.post("Profiler.stop"); (await import("node:fs")).writeFileSync("/tmp/cj.cpuprofile", JSON.stringify(profile));
