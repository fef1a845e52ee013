/** snakepit: the default stack (uv + worker pool + gRPC) and the CLI. */
export * from "./runtime/index.js";
