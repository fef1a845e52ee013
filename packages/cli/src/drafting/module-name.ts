/** Distributions whose import name is not their package name. */
const knownModules: Readonly<Record<string, string>> = {
  "scikit-learn": "sklearn", "scikit-image": "skimage", pillow: "PIL", "opencv-python": "cv2",
  "opencv-python-headless": "cv2", beautifulsoup4: "bs4", pyyaml: "yaml", "python-dateutil": "dateutil",
  "attrs": "attr", "pytorch": "torch", "protobuf": "google.protobuf", "msgpack-python": "msgpack",
};

/**
 * The module a requirement most likely installs ("scikit-learn>=1.3" →
 * "sklearn", "more-itertools" → "more_itertools"). `snakepit add` verifies it
 * by importing; `--module` overrides it.
 */
export function guessModuleName(requirement: string): string {
  const name = (/^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(requirement.trim())?.[0] ?? requirement).toLowerCase();
  return knownModules[name] ?? name.replace(/[-.]/g, "_");
}
