import type { Snakepit } from "@snakepit/core";
import { timeEach } from "../scenarios.js";
import { summarize } from "../stats.js";

/**
 * p50 of three dependent calls sent as one pipeline, and of one plain call,
 * in microseconds. The two are measured in alternating blocks of 100 (after
 * a warm-up of both), so that a change in the machine's load during the
 * measurement moves both alike: measured one after the other, the ratio
 * moved between 1.2 and 1.6 from run to run on the same build.
 */
export async function pipelineVersusOneCallUs(py: Snakepit, calls: number): Promise<{ pipelineUs: number; oneCallUs: number }> {
  const pipeline = () => py.pipeline((p) => {
    const sum = p.call<number>("operator.add", [1, 2]);
    const product = p.call<number>("operator.mul", [sum, 10]);
    return p.call<number>("operator.neg", [product]);
  });
  const oneCall = () => py.call("operator.add", [1, 2]);
  const pipelineSamples: number[] = [];
  const oneCallSamples: number[] = [];
  await timeEach(pipeline, 200, []);
  await timeEach(oneCall, 200, []);
  for (let done = 0; done < calls; done += 100) {
    await timeEach(pipeline, 100, pipelineSamples);
    await timeEach(oneCall, 100, oneCallSamples);
  }
  return { pipelineUs: summarize(pipelineSamples).p50Us, oneCallUs: summarize(oneCallSamples).p50Us };
}
