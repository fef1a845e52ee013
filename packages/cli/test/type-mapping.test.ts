import { describe, expect, test } from "vitest";
import { parseDocstring } from "../src/codegen/docstring.js";
import { tsTypeFromDocstring } from "../src/codegen/docstring-types.js";
import { tsTypeFor, tsYieldTypeFor } from "../src/codegen/type-mapping.js";

describe("Python annotations → TypeScript types", () => {
  test.each([
    ["int", "number"], ["float", "number"], ["str", "string"], ["bool", "boolean"], ["None", "null"], ["bytes", "Uint8Array"],
    ["list[int]", "readonly number[]"], ["typing.List[str]", "readonly string[]"], ["Sequence[float]", "readonly number[]"],
    ["tuple[int, str]", "readonly [number, string]"], ["tuple[int, ...]", "readonly number[]"],
    ["dict[str, float]", "Record<string, number>"], ["Mapping[int, str]", "Map<number, string>"],
    ["Optional[int]", "number | null"], ["int | None", "number | null"], ["Union[int, str, None]", "number | string | null"],
    ["Literal['a', 'b']", '"a" | "b"'], ["typing.Literal[1, True, None]", "1 | true | null"],
    ["np.ndarray", "ArrayInput"], ["npt.NDArray[np.float64]", "ArrayInput"], ["numpy.typing.ArrayLike", "ArrayInput"],
    ["pd.DataFrame", "DataFrame"], ["'DataFrame'", "DataFrame"], ["Annotated[int, 'meta']", "number"],
    ["Any", "unknown"], ["Callable[[int], str]", "unknown"], ["MyClass", "unknown"], ["int | SomethingElse", "unknown"],
    ["list[int | str]", "readonly (number | string)[]"], ["not valid [[", "unknown"],
  ])("%s → %s (parameter)", (annotation, expected) => {
    expect(tsTypeFor(annotation, "parameter")).toBe(expected);
  });

  test("results are what the codec produces: ndarray → NDArray, mutable arrays", () => {
    expect(tsTypeFor("np.ndarray", "result")).toBe("NDArray");
    expect(tsTypeFor("list[float]", "result")).toBe("number[]");
    expect(tsTypeFor(undefined, "result")).toBe("unknown");
    expect(tsYieldTypeFor("Iterator[int]")).toBe("number");
    expect(tsYieldTypeFor("Generator[str, None, None]")).toBe("string");
  });

  test("numpydoc types are used only when every alternative is understood", () => {
    expect(tsTypeFromDocstring("None or int or tuple of ints, optional")).toBe("null | number | readonly number[]");
    expect(tsTypeFromDocstring("bool, default=True")).toBe("boolean");
    expect(tsTypeFromDocstring('{"gini", "entropy", "log_loss"}, default="gini"')).toBe('"gini" | "entropy" | "log_loss"');
    expect(tsTypeFromDocstring("int, RandomState instance or None, default=None")).toBe("unknown");
    expect(tsTypeFromDocstring("data-type, optional")).toBe("unknown");
  });
});

describe("docstrings", () => {
  test("numpydoc sections", () => {
    const parsed = parseDocstring("Summary.\n\nMore.\n\nParameters\n----------\nx1, x2 : array_like\n    Inputs.\nkeepdims : bool, optional\n    Keep.\n\nReturns\n-------\nout : ndarray\n    Result.\n\nExamples\n--------\nA first one:\n\n>>> f(1)\n2\n\n>>> f(2)\n3");
    expect(parsed.description).toBe("Summary.\n\nMore.");
    expect(parsed.params.get("x2")).toEqual({ type: "array_like", text: "Inputs." });
    expect(parsed.params.get("keepdims")?.type).toBe("bool, optional");
    expect(parsed.returns).toBe("ndarray: Result.");
    expect(parsed.examples).toEqual([{ title: "A first one:", code: ">>> f(1)\n2" }, { code: ">>> f(2)\n3" }]);
  });

  test("Google sections", () => {
    const parsed = parseDocstring("Do it.\n\nArgs:\n    path (str): Where.\n        More about where.\n    force: Whether.\n\nReturns:\n    The count.\n\nRaises:\n    ValueError: When bad.");
    expect(parsed.params.get("path")).toEqual({ type: "str", text: "Where.\nMore about where." });
    expect(parsed.params.get("force")).toEqual({ text: "Whether." });
    expect(parsed.returns).toBe("The count.");
    expect(parsed.raises).toEqual(["ValueError: When bad."]);
  });
});
