import { splitKwargs } from "../model/kwargs.js";

/**
 * A dynamic view of a Python module: properties are submodules or members,
 * calling one calls Python, `new`-less construction returns a RemoteObject.
 *
 * @example
 * const np = py.module("numpy");
 * const m = await np.mean([1, 2, 3]);
 * const n = await np.linalg.norm([3, 4]);
 * const model = await py.module("sklearn.linear_model").LinearRegression(kw({ fit_intercept: false }));
 */
export type ModuleProxy = ((...args: unknown[]) => Promise<unknown>) & { readonly [member: string]: ModuleProxy };

/** Builds a proxy whose calls go to `invoke(dottedPath, args, kwargs)`. */
export function createModuleProxy(path: string, invoke: (path: string, args: unknown[], kwargs: Record<string, unknown>) => Promise<unknown>): ModuleProxy {
  const children = new Map<string, ModuleProxy>();
  const callable = function snakepitModuleProxy() {} as unknown as ModuleProxy;
  return new Proxy(callable, {
    get(_target, property) {
      if (typeof property === "symbol") return undefined;
      if (property === "then") return undefined;
      if (property === "toString") return () => `<python ${path}>`;
      let child = children.get(property);
      if (!child) {
        child = createModuleProxy(`${path}.${property}`, invoke);
        children.set(property, child);
      }
      return child;
    },
    apply(_target, _this, args: unknown[]) {
      const split = splitKwargs(args);
      return invoke(path, split.args, split.kwargs);
    },
  });
}
