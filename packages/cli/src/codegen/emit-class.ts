import type { ClassDescription, TypeHints } from "@snakepit/core";
import { documentedTypesOf, emitMethod, optionsOf, parameterList, splitLine, type Emitted } from "./emit-callable.js";
import { freeName } from "./identifiers.js";
import { planSignature } from "./signature-plan.js";
import { renderTsDoc } from "./tsdoc.js";

/** Members every generated class has; a Python method with one of these names gets a trailing "_". */
const ownMembers = new Set(["remote", "dispose", "constructor"]);

/**
 * A TS class over a remote Python object: `static create(...)` constructs it
 * in a worker, each declared method calls through, and `dispose()` /
 * `await using` release it.
 *
 * @example
 * await using clf = await RandomForestClassifier.create({ n_estimators: 50 });
 * await clf.fit(X, y);
 */
export function emitClass(description: ClassDescription, className: string, source: string | undefined, methodTypes: Readonly<Record<string, TypeHints>> = {}): Emitted {
  const plan = planSignature(description.parameters, {}, documentedTypesOf(description.doc));
  const helpers = new Set<string>(["snakepit", ...plan.helpers]);
  const types = new Set<string>(plan.runtimeTypes);
  const classDoc = renderTsDoc({ doc: description.doc, parameters: [], pythonPath: description.path, ...(source ? { source } : {}) }, "", { parameters: false });
  const createDoc = renderTsDoc({
    doc: description.doc, parameters: plan.documented, ...optionsOf(plan), pythonPath: description.path,
  }, "  ", { summary: `Constructs a Python \`${description.path}\` in a worker and returns a handle to it. Dispose of it when done (\`await using\`, or \`dispose()\`).`, examples: false });
  const members: string[] = [];
  const used = new Set(ownMembers);
  for (const method of description.methods) {
    const name = freeName(method.name, used);
    used.add(name);
    const emitted = emitMethod(method, name, methodTypes[method.name]);
    emitted.helpers.forEach((helper) => helpers.add(helper));
    emitted.types.forEach((type) => types.add(type));
    members.push(emitted.text);
  }
  const path = JSON.stringify(description.path);
  const text = `${classDoc}
export class ${className} implements AsyncDisposable {
  /** The Python object. Read attributes with \`remote.get("name")\`; call undeclared methods on it directly. */
  readonly remote: RemoteProxy;

  private constructor(remote: RemoteProxy) {
    this.remote = remote;
  }

${createDoc}
  static async create(${parameterList(plan, "  ")}): Promise<${className}> {
${splitLine(plan, "    ")}    return new ${className}(await snakepit().create(${path}, ${plan.args}, ${plan.kwargs}));
  }

  /** Wraps a remote object Python returned that is a \`${description.path}\` (a factory's result, a method returning self). */
  static wrap(remote: RemoteProxy): ${className} {
    return new ${className}(remote);
  }
${members.map((member) => `\n${member}\n`).join("")}
  /** Releases the Python object; later calls on it fail. Disposing twice is a no-op. */
  dispose(): Promise<void> {
    return this.remote.dispose();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}`;
  return { text, helpers, types: new Set([...types, "RemoteProxy"]) };
}
