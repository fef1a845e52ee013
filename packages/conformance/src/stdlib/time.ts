import { pythonException } from "./python-exception.js";

/** time.sleep: resolves None after `seconds`; the suite's slow call for deadlines and aborts. */
export async function sleep(seconds: number): Promise<null> {
  if (seconds < 0) throw pythonException("ValueError", "sleep length must be non-negative");
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  return null;
}
