import type { Command } from "../cli/command.js";
import { DoctorFailedError } from "../cli/cli-errors.js";
import { configOrEmpty } from "../cli/project-config.js";
import type { DoctorCheck } from "../doctor/doctor-check.js";
import { defaultProbes, type DoctorProbes } from "../doctor/probes.js";
import { runDoctorChecks } from "../doctor/run-checks.js";

const marks: Record<DoctorCheck["status"], string> = { ok: "✓", warn: "!", fail: "✗", skip: "-" };

/** `snakepit doctor`: checks the machine and the project, printing the fix for each failure. */
export function doctorCommand(probes: DoctorProbes = defaultProbes): Command {
  return {
    name: "doctor",
    summary: "check Node, Python, uv, the environment, the bridge, the workers and Redis",
    usage: "snakepit doctor\n\nExits 8 when a check fails; each failure says how to fix it.",
    options: {},
    async run(context) {
      const config = await configOrEmpty(context).then(
        (loaded) => ({ ok: true as const, value: loaded.config, ...(loaded.file ? { file: loaded.file } : {}) }),
        (error: unknown) => ({ ok: false as const, reason: (error as Error).message }),
      );
      const checks = await runDoctorChecks({
        projectDir: context.projectDir, config, probes, runtime: context.runtime, nodeVersion: process.versions.node,
        onStep: (name) => context.output.progress.step(`checking ${name}`),
      });
      context.output.progress.done();
      for (const check of checks) {
        context.output.say(`${marks[check.status]} ${check.name.padEnd(12)} ${check.detail}`);
        if (check.fix && check.status !== "ok") context.output.say(`  ${" ".repeat(12)} fix: ${check.fix}`);
      }
      const failed = checks.filter((check) => check.status === "fail");
      if (failed.length) throw new DoctorFailedError(`${failed.length} check${failed.length === 1 ? "" : "s"} failed: ${failed.map((check) => check.name).join(", ")}.`, checks);
      context.output.say("Everything Snakepit needs is in place.");
      return { checks };
    },
  };
}
