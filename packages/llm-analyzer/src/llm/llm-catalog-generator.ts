import { CatalogError, type CatalogGenerationRequest, type CatalogGenerator, type LibrarySpec } from "@snakepit/core";
import { methodsByClass } from "../introspection/class-entry.js";
import { surveyPublicApi } from "../introspection/survey-public-api.js";
import { throwIfAborted } from "../shared/abort.js";
import { collectExamples } from "../shared/collect-examples.js";
import { InstalledNames } from "../shared/installed-names.js";
import type { GeneratedCatalogDraft } from "../shared/generated-catalog-draft.js";
import { resolveApiKey } from "./api-key.js";
import { ChatEndpoint } from "./chat-endpoint.js";
import { openaiSdk } from "./openai-sdk.js";
import { defaultBudgets, defaultModel, type LlmCatalogGeneratorOptions, type PromptBudgets } from "./llm-catalog-generator-options.js";
import { parseReply } from "./parse-reply.js";
import { Conversation } from "./prompt/conversation.js";
import { fillTemplate, loadPromptFiles } from "./prompt/prompt-files.js";
import { renderMetadata } from "./prompt/render-metadata.js";
import { summarizePublicApi } from "./prompt/summarize-public-api.js";
import { boundEntries } from "./verify/bound-entries.js";
import { verifyReply } from "./verify/verify-reply.js";

/** An attempt's outcome: a draft, or the problems to send back to the model. */
type AttemptOutcome = { readonly draft: GeneratedCatalogDraft } | { readonly problems: readonly string[] };

/**
 * Drafts a catalog entry with a model on any OpenAI-compatible endpoint, from
 * what is installed: the introspection summary, and the package's metadata,
 * README and stubs when a PackageMetadataSource is given. The model makes the
 * draft good (which names matter, purity, type hints); introspection makes it
 * true: every name is checked, and invalid replies are retried with the
 * problems fed back, up to `maxAttempts`, then a CatalogError (no draft).
 *
 * @example
 * const generator = new LlmCatalogGenerator({ model: "gpt-4.1-mini" }); // key from OPENAI_API_KEY
 * const draft = await generator.generate({ packageName: "scikit-learn", module: "sklearn", requirement: "scikit-learn>=1.3", introspector });
 * draft.dropped; // names the model invented, removed from the draft
 */
export class LlmCatalogGenerator implements CatalogGenerator {
  readonly name = "llm";
  readonly model: string;
  readonly #endpoint: ChatEndpoint;
  readonly #options: LlmCatalogGeneratorOptions;
  readonly #budgets: PromptBudgets;

  /** Throws MissingApiKeyError when no client is given and no key is found. */
  constructor(options: LlmCatalogGeneratorOptions = {}) {
    this.#options = options;
    this.model = options.model ?? defaultModel;
    this.#budgets = { ...defaultBudgets, ...options.budgets };
    const timeoutMs = options.timeoutMs ?? 120_000;
    const client = options.client ?? new (openaiSdk().default)({ apiKey: resolveApiKey(options), timeout: timeoutMs, ...(options.baseURL ? { baseURL: options.baseURL } : {}) });
    this.#endpoint = new ChatEndpoint(client, {
      model: this.model,
      responseFormat: options.responseFormat ?? "json_schema",
      timeoutMs,
      ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
    });
  }

  async generate(request: CatalogGenerationRequest): Promise<GeneratedCatalogDraft> {
    const target = `catalog generation for ${request.packageName}`;
    throwIfAborted(request.signal, target);
    const maxEntries = request.maxEntries ?? this.#options.defaultMaxEntries ?? 25;
    const names = new InstalledNames(request);
    const conversation = new Conversation(await loadPromptFiles(), await this.#requestText(request, maxEntries, names));
    const maxAttempts = Math.max(1, this.#options.maxAttempts ?? 3);
    const failures: string[] = [];
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const reply = await this.#endpoint.complete(conversation.messages, request.signal, target);
      const outcome = await this.#interpret(reply.content, reply.problem, request, maxEntries, names);
      if ("draft" in outcome) return outcome.draft;
      failures.push(...outcome.problems.map((problem) => `attempt ${attempt}: ${problem}`));
      conversation.addFeedback(reply.content, outcome.problems);
    }
    throw new CatalogError(
      `The ${this.#endpoint.description} gave no valid catalog draft for ${request.packageName} in ${maxAttempts} attempts, so nothing was drafted. ` +
        `Try a stronger model, raise maxAttempts, or use the introspection generator (snakepit add without --llm). What was wrong:`,
      failures,
    );
  }

  async #requestText(request: CatalogGenerationRequest, maxEntries: number, names: InstalledNames): Promise<string> {
    const surface = await surveyPublicApi(request);
    const metadata = await this.#options.metadata?.read(request.packageName, request.signal ? { signal: request.signal } : {});
    return fillTemplate((await loadPromptFiles()).request, {
      packageName: request.packageName,
      module: request.module,
      requirement: request.requirement,
      maxEntries: String(maxEntries),
      metadata: renderMetadata(metadata, this.#budgets),
      summary: await summarizePublicApi(request, surface, this.#budgets, names),
    });
  }

  async #interpret(content: string, endpointProblem: string | undefined, request: CatalogGenerationRequest, maxEntries: number, names: InstalledNames): Promise<AttemptOutcome> {
    if (endpointProblem) return { problems: [endpointProblem] };
    const parsed = parseReply(content);
    if (!parsed.ok) return { problems: parsed.problems };
    const verified = await verifyReply(parsed.reply, names);
    if (verified.functions.length + verified.classes.length === 0) {
      const dropped = verified.dropped.length ? `: ${verified.dropped.join(", ")} do not exist in ${request.module}` : "";
      return { problems: [`The reply names no function or class that exists${dropped}. Choose only names listed in the installed API summary.`] };
    }
    const warnings = [...verified.warnings, ...parsed.reply.notes.map((note) => `model note: ${note}`)];
    const { functions, classes } = boundEntries(verified.functions, verified.classes, maxEntries, warnings);
    const library: LibrarySpec = {
      package: request.requirement,
      module: request.module,
      ...(functions.length ? { functions } : {}),
      ...(classes.length ? { classes } : {}),
      ...(verified.modules.length ? { modules: verified.modules } : {}),
      generatedBy: { generator: this.name, model: this.model, at: (this.#options.now?.() ?? new Date()).toISOString() },
    };
    const keptNames = new Set([...functions, ...classes].map((entry) => (typeof entry === "string" ? entry : entry.name)));
    const described = new Map([...verified.described].filter(([name]) => keptNames.has(name)));
    return { draft: { library, dropped: verified.dropped, warnings, examples: collectExamples(described, methodsByClass(classes)) } };
  }
}
