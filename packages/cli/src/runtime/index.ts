export { startSnakepit, startRuntime, type StartSnakepitOptions, type StartedSnakepit, type ReloadEvent } from "./start-snakepit.js";
export { startTenants, SnakepitTenants, type StartTenantsOptions } from "./start-tenants.js";
export { QuotaTransport, type Quota } from "./quota-transport.js";
export type { ProjectChange } from "./watch-project.js";
export { environmentSpecFor } from "./environment-spec.js";
export { bridgeSource, bridgeVersion } from "./bridge-source.js";
export { selectEnvironmentManager, sharedToolsDir, type ManagerChoice, type ManagerSelection } from "./select-environment-manager.js";
export { pythonDeps, DependencySet, type PythonDepsOptions } from "./python-deps.js";
export { createPinoAuditLog } from "./pino-audit-log.js";
