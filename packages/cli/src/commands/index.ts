import type { CatalogGenerator } from "@snakepit/core";
import type { Command } from "../cli/command.js";
import type { DoctorProbes } from "../doctor/probes.js";
import { addCommand } from "./add.js";
import { callCommand } from "./call.js";
import { devCommand } from "./dev.js";
import { doctorCommand } from "./doctor.js";
import { generateCommand } from "./generate.js";
import { initCommand } from "./init.js";
import { syncCommand } from "./sync.js";

/** Replaceable collaborators of the commands (the composition root's choices; tests pass stand-ins). */
export interface CommandServices {
  /** Drafts `add` entries; when absent, `add` picks llm-analyzer's LLM or introspection generator. */
  readonly catalogGenerator?: CatalogGenerator;
  readonly doctorProbes?: DoctorProbes;
}

/** Every command, in the order `--help` lists them. */
export function allCommands(services: CommandServices = {}): Command[] {
  return [initCommand, addCommand(services.catalogGenerator), syncCommand, generateCommand, doctorCommand(services.doctorProbes), callCommand, devCommand];
}
