export { CallAllowlist, securityEnvironment, type SecurityConfig, type SecurityMode, type SecurityPolicy } from "./allowlist.js";
export { allowPattern, isExactPattern } from "./allow-pattern.js";
export { alwaysRefused } from "./always-refused.js";
export { catalogGrants } from "./catalog-grants.js";
