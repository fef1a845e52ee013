import { createSnakepit, type Snakepit, type Transport } from "@snakepit/core";
import { sequentialLatency, throughput } from "../scenarios.js";

/** p50 of three dependent calls sent as one pipeline, and of one plain call, in microseconds. */
export async function pipelineVersusOneCallUs(py: Snakepit, calls: number): Promise<{ pipelineUs: number; oneCallUs: number }> {
  const pipeline = () => py.pipeline((p) => {
    const sum = p.call<number>("operator.add", [1, 2]);
    const product = p.call<number>("operator.mul", [sum, 10]);
    return p.call<number>("operator.neg", [product]);
  });
  const pipelineUs = (await sequentialLatency(pipeline, "", [], calls)).p50Us;
  const oneCallUs = (await sequentialLatency((target, args) => py.call(target, args), "operator.add", [1, 2], calls)).p50Us;
  return { pipelineUs, oneCallUs };
}

/** Calls per second with 64 in flight and automatic coalescing. */
export function coalescedThroughput(transport: Transport, total: number): Promise<number> {
  const py = createSnakepit({ transport, coalesce: true });
  return throughput((target, args) => py.call(target, args), "operator.add", [1, 2], total, 64);
}
