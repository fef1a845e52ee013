#!/usr/bin/env python3
"""A stand-in for the conda executable, for tests on machines without conda channels.

Implements the part of conda's command-line contract Snakepit uses, with the
same arguments, JSON shapes, exit codes and stderr texts as conda 24:

  conda --version
  conda info --json
  conda create -p PREFIX [-c CHANNEL]... [--override-channels] [-y] [--json] [--dry-run] [--file FILE] SPEC...
  conda env create -f environment.yml -p PREFIX [--json]
  conda install -p PREFIX [-c CHANNEL]... [-y] [--json] SPEC...
  conda list -p PREFIX --json
  conda run -p PREFIX COMMAND...
  conda remove -p PREFIX --all [-y] [--json]

Channels named by URL are contacted (GET <url>/<subdir>/repodata.json), so an
unreachable one fails like conda does; named channels ("conda-forge") are
served from the small repodata below. Environments are venvs of a real
interpreter with conda-meta/ records; "installing" a package writes a stub
module exposing __version__, so the interpreter can import it. Every call is
appended as one JSON line to $SNAKEPIT_CONDA_STANDIN_LOG when set.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

CONDA_VERSION = "24.7.1"
SUBDIR = "linux-64"
REPODATA: dict[str, list[tuple[str, str, list[str]]]] = {
    # name: [(version, build, depends)]
    "python": [("3.10.14", "hd12c33a_0_cpython", []), ("3.11.9", "hb806964_0_cpython", []), ("3.12.3", "hab00c5b_0_cpython", [])],
    "pip": [("24.0", "pyhd8ed1ab_0", ["python >=3.7"])],
    "six": [("1.16.0", "pyh6c4a22f_0", ["python"]), ("1.17.0", "pyhd8ed1ab_0", ["python"])],
    "idna": [("3.6", "pyhd8ed1ab_0", ["python >=3.6"]), ("3.7", "pyhd8ed1ab_0", ["python >=3.6"])],
    "numpy": [("1.26.4", "py311h64a7726_0", ["python"])],
}
NOARCH = {"six", "idna", "pip"}


class CondaError(Exception):
    def __init__(self, name: str, message: str, extra: dict | None = None):
        super().__init__(message)
        self.name, self.message, self.extra = name, message, extra or {}


def log_call(argv: list[str]) -> None:
    target = os.environ.get("SNAKEPIT_CONDA_STANDIN_LOG")
    if target:
        with open(target, "a", encoding="utf8") as handle:
            handle.write(json.dumps({"argv": argv, "cwd": os.getcwd()}) + "\n")


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def matches(version: str, constraint: str) -> bool:
    """Conda match-spec version constraints: "1.16", "1.16.*", "==1.16.0", ">=1.16,<2", "1.16.0=build"."""
    for clause in filter(None, constraint.split(",")):
        clause = clause.strip()
        op = re.match(r"^(==|>=|<=|!=|>|<|=)?(.*)$", clause)
        assert op
        operator, wanted = op.group(1) or "", op.group(2).rstrip("*").rstrip(".")
        have, want = version_key(version), version_key(wanted)
        if operator in ("", "="):
            if have[: len(want)] != want:
                return False
        elif operator == "==" and have != want:
            return False
        elif operator == ">=" and have < want or operator == "<=" and have > want:
            return False
        elif operator == ">" and have <= want or operator == "<" and have >= want:
            return False
        elif operator == "!=" and have == want:
            return False
    return True


def parse_spec(spec: str) -> tuple[str, str]:
    spec = spec.strip()
    match = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", spec)
    if not match:
        raise CondaError("InvalidMatchSpec", f"Invalid spec '{spec}': could not parse")
    name, rest = match.group(1).lower(), match.group(2).strip()
    if rest.startswith("=") and not rest.startswith("=="):
        rest = rest[1:].split("=")[0]  # name=version=build → version
    elif rest.startswith("==") and rest.count("=") > 2:
        rest = "==" + rest[2:].split("=")[0]
    return name, rest.replace(" ", "")


def check_channels(channels: list[str]) -> None:
    for channel in channels:
        if "://" not in channel:
            continue
        url = f"{channel.rstrip('/')}/{SUBDIR}/repodata.json"
        try:
            urllib.request.urlopen(url, timeout=5).close()
        except (urllib.error.URLError, OSError):
            raise CondaError(
                "CondaHTTPError",
                f"HTTP 000 CONNECTION FAILED for url <{url}>\nElapsed: -\n\nAn HTTP error occurred when trying to retrieve this URL.\n"
                "HTTP errors are often intermittent, and a simple retry will get you on your way.",
                {"url": url, "status_code": "000", "reason": "CONNECTION FAILED"},
            )


def solve(specs: list[str], channels: list[str]) -> list[dict]:
    """Picks the newest version of each requested name satisfying every spec for it, plus dependencies."""
    check_channels(channels)
    wanted: dict[str, list[str]] = {}
    for spec in specs:
        name, constraint = parse_spec(spec)
        wanted.setdefault(name, []).append(constraint)
    missing = [name for name in wanted if name not in REPODATA]
    if missing:
        shown = "\n".join(f"  - {name}" for name in missing)
        channel_list = "\n".join(f"  - {channel}" for channel in channels or ["defaults"])
        raise CondaError(
            "PackagesNotFoundError",
            f"The following packages are not available from current channels:\n\n{shown}\n\nCurrent channels:\n\n{channel_list}\n\n"
            "To search for alternate channels that may provide the conda package you're\nlooking for, navigate to\n\n    https://anaconda.org\n\n"
            "and use the search bar at the top of the page.",
            {"packages": missing, "channel_urls": channels},
        )
    wanted.setdefault("python", [""])
    chosen: dict[str, tuple[str, str]] = {}
    for name, constraints in wanted.items():
        candidates = [(version, build) for version, build, _ in REPODATA[name] if all(matches(version, c) for c in constraints)]
        if not candidates:
            specs_text = "\n".join(f"  - {name}{c}" for c in constraints if c)
            raise CondaError(
                "UnsatisfiableError",
                f"The following specifications were found to be incompatible with each other:\n\nOutput in format: Requested package -> Available versions\n\n{specs_text}",
                {"bad_deps": [[f"{name}{c}"] for c in constraints]},
            )
        chosen[name] = max(candidates, key=lambda item: version_key(item[0]))
    return [record(name, version, build, channels) for name, (version, build) in sorted(chosen.items())]


def record(name: str, version: str, build: str, channels: list[str]) -> dict:
    channel = next((c for c in channels if "://" not in c), "conda-forge") if channels else "conda-forge"
    base_url = f"https://conda.anaconda.org/{channel}"
    platform = "noarch" if name in NOARCH else SUBDIR
    return {
        "base_url": base_url, "build_number": 0, "build_string": build, "channel": channel,
        "dist_name": f"{name}-{version}-{build}", "name": name, "platform": platform, "version": version,
    }


def interpreter_for(version: str) -> str:
    major_minor = ".".join(version.split(".")[:2])
    return shutil.which(f"python{major_minor}") or sys.executable


def materialise(prefix: Path, records: list[dict]) -> list[dict]:
    """Creates or updates the prefix: a venv for python, conda-meta records, stub modules for the rest."""
    python = next(item for item in records if item["name"] == "python")
    if not (prefix / "bin" / "python").exists():
        subprocess.run([interpreter_for(python["version"]), "-m", "venv", "--without-pip", str(prefix)], check=True)
        real = subprocess.run([str(prefix / "bin" / "python"), "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"],
                              check=True, capture_output=True, text=True).stdout.strip()
        python.update(version=real, dist_name=f"python-{real}-{python['build_string']}")
    meta = prefix / "conda-meta"
    meta.mkdir(parents=True, exist_ok=True)
    (meta / "history").touch()
    site = next((prefix / "lib").glob("python3*/site-packages"))
    for item in records:
        for old in meta.glob(f"{item['name']}-*.json"):
            old.unlink()
        (meta / f"{item['dist_name']}.json").write_text(json.dumps({**item, "files": []}, indent=1))
        if item["name"] == "pip":
            subprocess.run([str(prefix / "bin" / "python"), "-m", "ensurepip", "--default-pip"], check=True, capture_output=True)
        elif item["name"] != "python":
            (site / f"{item['name'].replace('-', '_')}.py").write_text(f'__version__ = "{item["version"]}"\n')
    return records


def transaction(prefix: Path, records: list[dict], as_json: bool, dry_run: bool) -> int:
    if as_json:
        actions = {"LINK": records, "PREFIX": str(prefix)}
        print(json.dumps({"actions": actions, "dry_run": dry_run, "prefix": str(prefix), "success": True}, indent=2))
    else:
        print(f"Channels:\n - conda-forge\nPlatform: {SUBDIR}\nCollecting package metadata (repodata.json): done\nSolving environment: done\n")
        print(f"## Package Plan ##\n\n  environment location: {prefix}\n\n  added / updated specs:")
        for item in records:
            print(f"    - {item['name']}")
        if not dry_run:
            print("\nPreparing transaction: done\nVerifying transaction: done\nExecuting transaction: done")
    return 0


def parse(argv: list[str]) -> dict:
    options: dict = {"channels": [], "specs": [], "files": [], "flags": set()}
    iterator = iter(argv)
    for arg in iterator:
        if arg in ("-p", "--prefix"):
            options["prefix"] = next(iterator)
        elif arg in ("-n", "--name"):
            options["name"] = next(iterator)
        elif arg in ("-c", "--channel"):
            options["channels"].append(next(iterator))
        elif arg == "--file":
            options["files"].append(next(iterator))
        elif arg in ("-f",):
            options["environment_file"] = next(iterator)
        elif arg in ("-y", "--yes", "--json", "--dry-run", "--override-channels", "--all", "-q", "--quiet", "--no-capture-output", "--explicit"):
            options["flags"].add({"-y": "--yes", "-q": "--quiet"}.get(arg, arg))
        elif arg.startswith("-"):
            raise CondaError("ArgumentError", f"unrecognized arguments: {arg}")
        else:
            options["specs"].append(arg)
    return options


def read_environment_file(path: str) -> tuple[list[str], list[str], list[str]]:
    """Minimal environment.yml reader: channels, conda dependencies and the nested pip list."""
    channels, dependencies, pip_items, section = [], [], [], None
    for raw in Path(path).read_text(encoding="utf8").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if re.match(r"^\w", line):
            section = line.split(":", 1)[0].strip()
            continue
        item = re.match(r"^(\s*)-\s*(.*)$", line)
        if not item:
            continue
        indent, value = len(item.group(1)), item.group(2).strip().strip('"')
        if section == "channels":
            channels.append(value)
        elif section == "dependencies" and value.startswith("pip:"):
            continue
        elif section == "dependencies" and indent > 2:
            pip_items.append(value)
        elif section == "dependencies":
            dependencies.append(value)
    return channels, dependencies, pip_items


def require_prefix(options: dict) -> Path:
    if "prefix" not in options:
        raise CondaError("CondaValueError", "no environment specified: use -p PREFIX (the stand-in does not support -n)")
    return Path(options["prefix"]).resolve()


def installed(prefix: Path) -> list[dict]:
    meta = prefix / "conda-meta"
    if not meta.is_dir():
        raise CondaError("EnvironmentLocationNotFound", f"Not a conda environment: {prefix}")
    records = [json.loads(path.read_text()) for path in sorted(meta.glob("*.json"))]
    return [{key: value for key, value in item.items() if key != "files"} for item in records]


def main(argv: list[str]) -> int:
    log_call(argv)
    if argv[:1] in (["--version"], ["-V"]):
        print(f"conda {CONDA_VERSION}")
        return 0
    command, rest = (argv[0], argv[1:]) if argv else ("", [])
    if command == "env" and rest[:1] == ["create"]:
        command, rest = "env-create", rest[1:]
    options = parse(rest) if command != "run" else {}
    as_json = "--json" in options.get("flags", set())
    try:
        if command == "info":
            root = Path(os.environ.get("CONDA_ROOT", Path.home() / "miniforge3"))
            info = {"active_prefix": None, "channels": [f"https://conda.anaconda.org/conda-forge/{SUBDIR}"], "conda_version": CONDA_VERSION,
                    "default_prefix": str(root), "envs": [str(root)], "envs_dirs": [str(root / "envs")], "platform": SUBDIR,
                    "python_version": ".".join(map(str, sys.version_info[:3])), "root_prefix": str(root), "root_writable": True}
            print(json.dumps(info, indent=2) if as_json else f"     active environment : None\n       conda version : {CONDA_VERSION}\n            platform : {SUBDIR}")
            return 0
        if command in ("create", "install", "env-create"):
            prefix = require_prefix(options)
            specs, channels, pip_items = list(options["specs"]), list(options["channels"]), []
            for file in options["files"]:
                specs += [line.strip() for line in Path(file).read_text().splitlines() if line.strip() and not line.startswith(("#", "@"))]
            if command == "env-create":
                file_channels, specs, pip_items = read_environment_file(options.get("environment_file", "environment.yml"))
                channels = channels or file_channels
            if command == "create" and prefix.exists() and any(prefix.iterdir()) and "--yes" not in options["flags"]:
                raise CondaError("CondaValueError", f"prefix already exists: {prefix}")
            if command == "install":
                current = {item["name"]: item["version"] for item in installed(prefix)}
                specs = [f"{name}=={version}" for name, version in current.items() if name not in {parse_spec(s)[0] for s in specs}] + specs
            records = solve(specs, channels)
            if "--dry-run" in options["flags"]:
                return transaction(prefix, records, as_json, True)
            if command == "create" and prefix.exists():
                shutil.rmtree(prefix)
            materialise(prefix, records)
            if pip_items:
                subprocess.run([str(prefix / "bin" / "python"), "-m", "pip", "install", *pip_items], check=True)
            return transaction(prefix, records, as_json, False)
        if command == "list":
            items = installed(require_prefix(options))
            if as_json:
                print(json.dumps(items, indent=1))
            else:
                print(f"# packages in environment at {options['prefix']}:\n#\n# Name                    Version                   Build  Channel")
                for item in items:
                    print(f"{item['name']:<26}{item['version']:<26}{item['build_string']:<7}{item['channel']}")
            return 0
        if command == "remove":
            prefix = require_prefix(options)
            if "--all" not in options["flags"]:
                raise CondaError("CondaValueError", "the stand-in supports only `remove -p PREFIX --all`")
            shutil.rmtree(prefix, ignore_errors=True)
            print(json.dumps({"success": True, "actions": {"PREFIX": str(prefix)}}) if as_json else "Remove all packages in environment")
            return 0
        if command == "run":
            iterator, prefix, index = iter(rest), None, 0
            while index < len(rest) and rest[index].startswith("-"):
                if rest[index] in ("-p", "--prefix"):
                    prefix, index = rest[index + 1], index + 2
                else:
                    index += 1
            if prefix is None or index >= len(rest):
                raise CondaError("ArgumentError", "usage: conda run -p PREFIX COMMAND [ARGS...]")
            env = {**os.environ, "PATH": f"{Path(prefix) / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}", "CONDA_PREFIX": str(prefix)}
            return subprocess.run(rest[index:], env=env).returncode
        raise CondaError("ArgumentError", f"invalid choice: '{command}' (the stand-in knows create, env create, install, list, info, run, remove)")
    except CondaError as error:
        if as_json:
            print(json.dumps({"caused_by": "None", "error": f"{error.name}: {error.message}", "exception_name": error.name,
                              "exception_type": f"<class 'conda.exceptions.{error.name}'>", "message": error.message, **error.extra}, indent=2))
        else:
            sys.stderr.write(f"\n{error.name}: {error.message}\n\n")
        return 2 if error.name == "ArgumentError" else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
