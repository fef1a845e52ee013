/**
 * A quick latency and throughput probe of the three transports against one real
 * Python worker (not a benchmark suite: bench/ is the official one).
 *
 *   npx tsc -b packages/transport-grpc && cd packages/transport-grpc && npx node test/probe/latency-probe.ts
 *
 * It runs the built package (dist), as users would, with Node's type stripping.
 */
import { createGrpcTransport, type BridgeTransport, type GrpcImplementation } from "../../dist/index.js";
import { startPythonWorker, workerAbsence } from "../support/python-worker.ts";

const sequentialCalls = Number(process.env.PROBE_SEQUENTIAL ?? 3_000);
const concurrentCalls = Number(process.env.PROBE_CONCURRENT ?? 30_000);
const inFlight = 64;

async function sequentialLatency(transport: BridgeTransport): Promise<{ p50: number; p99: number }> {
  const samples: number[] = [];
  for (let index = 0; index < sequentialCalls; index++) {
    const started = process.hrtime.bigint();
    await transport.call({ target: "operator.add", args: [index, 1] });
    samples.push(Number(process.hrtime.bigint() - started) / 1_000);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(samples.length * 0.5)] ?? 0, p99: samples[Math.floor(samples.length * 0.99)] ?? 0 };
}

async function throughput(transport: BridgeTransport): Promise<number> {
  let issued = 0;
  const started = performance.now();
  const lane = async () => {
    while (issued < concurrentCalls) {
      issued++;
      await transport.call({ target: "operator.add", args: [issued, 1] });
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return concurrentCalls / ((performance.now() - started) / 1_000);
}

async function bigArray(transport: BridgeTransport): Promise<number> {
  const data = new Float64Array(1_000_000).fill(1);
  const samples: number[] = [];
  for (let index = 0; index < 20; index++) {
    const started = performance.now();
    await transport.call({ target: "numpy.sum", args: [data] });
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[10] ?? 0;
}

if (workerAbsence) {
  console.error(`Cannot probe: ${workerAbsence}`);
  process.exit(1);
}
const worker = await startPythonWorker();
try {
  for (const name of ["grpc-js", "connect", "framed"] satisfies GrpcImplementation[]) {
    const transport = createGrpcTransport({ id: name, address: worker.address, frameAddress: worker.frameAddress, token: worker.token, implementation: name });
    for (let index = 0; index < 500; index++) await transport.call({ target: "operator.add", args: [index, 1] }); // warm up
    const latency = await sequentialLatency(transport);
    const callsPerSecond = await throughput(transport);
    const arrayMs = await bigArray(transport);
    console.log(`${name.padEnd(8)} one at a time: p50 ${latency.p50.toFixed(0)} µs, p99 ${latency.p99.toFixed(0)} µs | ${inFlight} in flight: ${callsPerSecond.toFixed(0)} calls/s | numpy.sum(1e6 float64): p50 ${arrayMs.toFixed(1)} ms`);
    await transport.close();
  }
} finally {
  await worker.stop();
}
