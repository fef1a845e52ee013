import { CancelledError, RemoteObject, type Snakepit } from "@snakepit/core";
import type { PackageMetadata, PackageMetadataSource } from "@snakepit/llm-analyzer";

/**
 * Reads an installed distribution's metadata through the running Snakepit:
 * `importlib.metadata.metadata(name)` is an `email.message.Message` kept in
 * the worker, read with its public `get` and `get_payload` methods (the
 * bridge refuses private and dunder names). Metadata only improves the
 * prompt, so a failure is reported to `onUnavailable` and the draft goes on
 * without it; only cancellation propagates.
 *
 * @example
 * const metadata = await new WorkerPackageMetadataSource(py).read("scikit-learn");
 * metadata?.summary; // "A set of python modules for machine learning and data mining"
 */
export class WorkerPackageMetadataSource implements PackageMetadataSource {
  constructor(
    private readonly snakepit: Snakepit,
    private readonly onUnavailable: (packageName: string, reason: string) => void = () => {},
  ) {}

  async read(packageName: string, options: { readonly signal?: AbortSignal } = {}): Promise<PackageMetadata | undefined> {
    const callOptions = options.signal ? { signal: options.signal } : {};
    let message: unknown;
    try {
      message = await this.snakepit.call("importlib.metadata.metadata", [packageName], {}, callOptions);
      if (!(message instanceof RemoteObject)) {
        this.onUnavailable(packageName, `importlib.metadata.metadata returned a ${typeof message}, not a message object`);
        return undefined;
      }
      const remote = message;
      const field = async (name: string) => text(await remote.call("get", [name], {}, callOptions));
      // Metadata 2.1+ carries the long description as the body; older wheels as a Description header.
      const readme = text(await remote.call("get_payload", [], {}, callOptions)) ?? (await field("Description"));
      const [version, summary] = [await field("Version"), await field("Summary")];
      return { name: (await field("Name")) ?? packageName, ...(version ? { version } : {}), ...(summary ? { summary } : {}), ...(readme ? { readme } : {}) };
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      this.onUnavailable(packageName, error instanceof Error ? error.message : String(error));
      return undefined;
    } finally {
      if (message instanceof RemoteObject) await message.dispose().catch(() => undefined);
    }
  }
}

/** A non-empty string field, or undefined (a missing header is None; "UNKNOWN" is what old setuptools wrote). */
function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() && value.trim() !== "UNKNOWN" ? value : undefined;
}
