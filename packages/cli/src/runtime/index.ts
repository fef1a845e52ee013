export { startSnakepit, startRuntime, type StartSnakepitOptions, type StartedSnakepit } from "./start-snakepit.js";
export { environmentSpecFor } from "./environment-spec.js";
export { bridgeSource, bridgeVersion } from "./bridge-source.js";
export { selectEnvironmentManager, sharedToolsDir, type ManagerChoice, type ManagerSelection } from "./select-environment-manager.js";
export { pythonDeps, DependencySet, type PythonDepsOptions } from "./python-deps.js";
export { createPinoAuditLog } from "./pino-audit-log.js";
