import { Snakepit, type SnakepitDependencies } from "./snakepit.js";

/**
 * Builds a Snakepit without touching inversify: give it a Transport (and
 * optionally a Cache, an Introspector and a catalog).
 *
 * @example
 * const py = createSnakepit({ transport: new InMemoryTransport({ "math.sqrt": Math.sqrt }) });
 * await py.call("math.sqrt", [16]); // 4
 */
export function createSnakepit(dependencies: SnakepitDependencies): Snakepit {
  return new Snakepit(dependencies);
}
