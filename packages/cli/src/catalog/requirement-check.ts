/**
 * Checks an installed version against a PEP 508 requirement's version
 * specifiers (">=1.3,<2", "==1.24.*", "~=2.1"). Release numbers are compared
 * numerically; pre-release and local tags are ignored, which is precise
 * enough to catch "the environment has 1.2 but you asked for >=1.3".
 */
export function unsatisfiedSpecifier(requirement: string, installedVersion: string): string | undefined {
  if (requirement.includes("@")) return undefined; // a URL or path requirement pins no version we can read
  const specifiers = requirement.replace(/^[A-Za-z0-9][A-Za-z0-9._-]*(\[[^\]]*\])?/, "").split(";")[0] ?? "";
  for (const specifier of specifiers.split(",").map((part) => part.trim()).filter(Boolean)) {
    const match = /^(===|==|!=|>=|<=|~=|>|<)\s*(.+)$/.exec(specifier);
    if (match && !satisfies(match[1] ?? "", (match[2] ?? "").trim(), installedVersion)) return specifier;
  }
  return undefined;
}

/** The distribution name a requirement names, normalised as PEP 503 does ("Scikit_Learn" → "scikit-learn"). */
export function requirementName(requirement: string): string {
  return normaliseName(/^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(requirement.trim())?.[0] ?? requirement);
}

export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

function satisfies(operator: string, wanted: string, installed: string): boolean {
  if (wanted.endsWith(".*")) {
    const prefix = release(wanted.slice(0, -2));
    const matches = prefix.every((part, index) => release(installed)[index] === part);
    return operator === "!=" ? !matches : matches;
  }
  const order = compare(release(installed), release(wanted));
  switch (operator) {
    case "==": case "===": return order === 0;
    case "!=": return order !== 0;
    case ">=": return order >= 0;
    case "<=": return order <= 0;
    case ">": return order > 0;
    case "<": return order < 0;
    case "~=": {
      const base = release(wanted);
      const prefix = base.slice(0, Math.max(1, base.length - 1));
      return order >= 0 && prefix.every((part, index) => release(installed)[index] === part);
    }
    default: return true;
  }
}

function release(version: string): number[] {
  const numbers = /^v?(\d+(?:\.\d+)*)/.exec(version.trim())?.[1] ?? "0";
  return numbers.split(".").map(Number);
}

function compare(left: readonly number[], right: readonly number[]): number {
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}
