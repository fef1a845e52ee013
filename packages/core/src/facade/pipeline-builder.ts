import { mapDeep } from "./refs.js";
import { nodeReference, pipelineGraphVersion, pipelineOps, type PipelineGraph, type PipelineOperation, type PipelineOutput, type PipelineStep, type StepNodes } from "./pipeline-graph.js";
import { KeptNode, PipelineNode, type StepRecorder } from "./pipeline-node.js";

/**
 * Records the steps of one pipeline while the build function runs. Nothing
 * is sent until the build function returns; then the whole graph goes to
 * one worker in one request.
 *
 * @example
 * const mean = await py.pipeline((p) => {
 *   const frame = p.call("pandas.read_csv", [path]);
 *   return p.call<number>("numpy.mean", [frame.item("x")]);
 * });
 */
export class PipelineBuilder implements StepRecorder {
  readonly #steps: PipelineStep[] = [];
  #sealed = false;

  /**
   * @param forPython turns other values of the arguments into their wire form
   *   (the facade's: remote objects to refs) in the same walk that replaces the
   *   nodes, so the graph is not walked a second time when it is sent.
   */
  constructor(private readonly forPython: (value: unknown) => unknown = (value) => value) {}

  /** Calls a Python callable by dotted path (a class is constructed). */
  call<T = unknown>(path: string, args: readonly unknown[] = [], kwargs: Readonly<Record<string, unknown>> = {}): PipelineNode<T> {
    return this.#add<T>(pipelineOps.call, path, null, "", args, kwargs);
  }

  /** Reads a module attribute by dotted path ("math.pi"). */
  get<T = unknown>(path: string): PipelineNode<T> {
    return this.#add<T>(pipelineOps.getattr, path, null, "", [], {});
  }

  /** `node[key]`, the same as `node.item(key)`. */
  getitem<T = unknown>(node: PipelineNode, key: unknown): PipelineNode<T> {
    return this.onNode<T>(node, "getitem", "", [key], {});
  }

  /** `node.attribute`, the same as `node.get(attribute)`. */
  getattr<T = unknown>(node: PipelineNode, attribute: string): PipelineNode<T> {
    return this.onNode<T>(node, "getattr", attribute, [], {});
  }

  /**
   * Asks for the node's value as a remote object that outlives the pipeline:
   * return the result of `keep` from the build function. A kept node that is
   * not returned is freed like every other intermediate value.
   */
  keep<T>(node: PipelineNode<T>): KeptNode<T> {
    this.#own(node);
    return new KeptNode(node);
  }

  onNode<T>(on: PipelineNode, operation: PipelineOperation, name: string, args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>): PipelineNode<T> {
    return this.#add<T>(pipelineOps[operation], null, this.#own(on).step, name, args, kwargs);
  }

  /**
   * Ends recording and turns what the build function returned into the
   * graph plus a template: the same shape with each node replaced by the
   * position of its output.
   */
  seal(returned: unknown): { graph: PipelineGraph; template: unknown } {
    this.#sealed = true;
    const outputs: PipelineOutput[] = [];
    const template = mapDeep(returned, (value) => {
      if (value instanceof KeptNode) return new OutputSlot(outputs.push(~this.#own(value.node).step) - 1);
      if (value instanceof PipelineNode) return new OutputSlot(outputs.push(this.#own(value).step) - 1);
      return value;
    });
    return { graph: [pipelineGraphVersion, false, this.#steps, outputs], template };
  }

  #add<T>(op: PipelineStep[0], path: string | null, on: number | null, name: string, args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>): PipelineNode<T> {
    if (this.#sealed) throw new TypeError("This pipeline was already sent: add steps inside the build function, or start another py.pipeline().");
    const step = this.#step(op, path, on, name, args, kwargs);
    this.#steps.push(step);
    return new PipelineNode<T>(this.#steps.length - 1, step, this);
  }

  /**
   * The step in wire form. A node passed as an argument itself travels as its
   * step index, listed in `nodes`; a node deeper inside (an array, an object,
   * keyword arguments) makes every node of the step a marker the worker looks for.
   */
  #step(op: PipelineStep[0], path: string | null, on: number | null, name: string, args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>): PipelineStep {
    let deep = false;
    const replace = (value: unknown): unknown => {
      if (value instanceof KeptNode) throw new TypeError("p.keep() marks an output; pass the node itself as an argument.");
      if (value instanceof PipelineNode) {
        deep = true;
        return nodeReference(this.#own(value).step);
      }
      return this.forPython(value);
    };
    let positions: number[] | null = null;
    const wireArgs = args.length === 0 ? null : args.map((value, position) => {
      if (!(value instanceof PipelineNode)) return mapDeep(value, replace);
      (positions ??= []).push(position);
      return this.#own(value).step;
    });
    const wireKwargs = Object.keys(kwargs).length === 0 ? null : (mapDeep({ ...kwargs }, replace) as Record<string, unknown>);
    let nodes: StepNodes = positions;
    if (deep) {
      // One way for the whole step: the positions' indices become markers too.
      for (const position of positions ?? []) wireArgs![position] = nodeReference(wireArgs![position] as number);
      nodes = true;
    }
    return [op, path, on, null, name || null, wireArgs, wireKwargs, nodes];
  }

  #own<T>(node: PipelineNode<T>): PipelineNode<T> {
    if (node.owner !== this) throw new TypeError(`${node.toString()} belongs to another pipeline; a node can only be used in the pipeline that made it.`);
    return node;
  }
}

/** Position of an output in the reply, inside the template of the returned shape. */
export class OutputSlot {
  constructor(readonly index: number) {}
}
