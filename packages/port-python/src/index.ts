/** @snakepit/port-python: the Python runtime — a supervised worker pool behind the Transport port. */
export { PythonWorkerPool } from "./worker-pool.js";
export type { WorkerPoolOptions, PoolEvent } from "./pool-options.js";
export { poolMetricNames } from "./pool-metrics.js";
export type { WorkerEndpoint, TransportFactory } from "./worker-endpoint.js";
export { PythonProcess, type ReadyHandshake, type PythonProcessOptions } from "./python-process.js";
export { TransportIntrospector } from "./transport-introspector.js";
export { PortPythonContainerModule } from "./port-python-container-module.js";
export { splitBatch, type BatchGroup } from "./split-batch.js";
export type { WorkerLimits } from "./worker-limits.js";
export { RemoteWorkerFleet, type FleetEndpointState } from "./remote-worker-fleet.js";
export type { RemoteFleetOptions, RemoteEndpoint, FleetEvent } from "./remote-fleet-options.js";
export type { EndpointTlsOptions } from "./worker-endpoint.js";
export { RemoteFleetContainerModule } from "./remote-fleet-container-module.js";
export { WorkerScheduler, type Schedulable, type WorkerSchedulerOptions } from "./worker-scheduler.js";
export { EndpointLostError } from "./endpoint-lost-error.js";
