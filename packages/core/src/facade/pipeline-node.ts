import { describeStep, type PipelineStep } from "./pipeline-graph.js";

/** Where a node records the steps built on it: its builder. */
export interface StepRecorder {
  /** Records a step on node `on` and returns the node of its value. */
  onNode<T>(on: PipelineNode, operation: "call" | "getattr" | "getitem", name: string, args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>): PipelineNode<T>;
}

/**
 * A placeholder for the value of one step of a pipeline: it has no value in
 * TypeScript. Pass it as an argument of later steps (also inside arrays,
 * objects and Maps), call its methods, read its attributes or index it;
 * return it from the build function to get its value back.
 *
 * `T` is the type the value will have when it comes back.
 *
 * @example
 * const frame = p.call("pandas.read_csv", [path]);
 * const column = frame.item("x");               // frame["x"]
 * const mean = column.call<number>("mean");      // frame["x"].mean()
 * const rows = frame.get<number[]>("shape");     // frame.shape
 */
export class PipelineNode<T = unknown> {
  /** Never set: carries `T` for the result type. */
  declare readonly valueType?: T;

  constructor(
    /** Index of the step in its pipeline. */
    readonly step: number,
    /** The step as it goes on the wire; described only when a message needs it. */
    private readonly recorded: PipelineStep,
    private readonly recorder: StepRecorder,
  ) {}

  /** Human-readable description of the step, for errors. */
  get description(): string {
    return describeStep(this.recorded);
  }

  /** The builder that made this node (a node belongs to one pipeline). */
  get owner(): StepRecorder {
    return this.recorder;
  }

  /** Calls a method of the value: `value.method(...args)`; an empty name calls the value itself. */
  call<R = unknown>(method: string, args: readonly unknown[] = [], kwargs: Readonly<Record<string, unknown>> = {}): PipelineNode<R> {
    return this.recorder.onNode<R>(this, "call", method, args, kwargs);
  }

  /** Reads an attribute of the value: `value.attribute`. */
  get<R = unknown>(attribute: string): PipelineNode<R> {
    return this.recorder.onNode<R>(this, "getattr", attribute, [], {});
  }

  /** Indexes the value: `value[key]` (a DataFrame column, a dict entry, a list item). */
  item<R = unknown>(key: unknown): PipelineNode<R> {
    return this.recorder.onNode<R>(this, "getitem", "", [key], {});
  }

  toString(): string {
    return `<pipeline step ${this.step}: ${this.description}>`;
  }
}

/** A node whose value comes back as a remote object (it stays in Python), from `p.keep(node)`. */
export class KeptNode<T = unknown> {
  /** Never set: carries `T` for the result type. */
  declare readonly valueType?: T;

  constructor(readonly node: PipelineNode<T>) {}
}
