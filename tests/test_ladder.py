"""The packages make a ladder: each imports only those below it (README, Layout).

Every import in every module is read, those inside functions too, so that an upward arrow cannot
hide in a function. The migrations are Alembic's scripts, run with the whole program present to
see every table; they are not imported by any package.
"""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# lowest first; packages on one rung stand side by side and import neither each other
LADDER = [{"dorpslijn"}, {"orders"}, {"messaging"}, {"bots", "ivr"}, {"worker"}, {"web"}, {"cli"}]
RUNG = {package: rung for rung, packages in enumerate(LADDER) for package in packages}
OUTSIDE = {ROOT / "dorpslijn" / "migrations"}


def test_every_package_imports_only_those_below_it():
    upward = [f"{module}: {package} -> {imported}"
              for module, package, imported in _imports_between_packages()
              if RUNG[imported] >= RUNG[package]]
    assert upward == []


def test_the_ladder_holds_every_package_there_is():
    packages = {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"tests", "benchmarks", "scripts"}
    assert packages == set(RUNG)


def _imports_between_packages():
    for package in RUNG:
        for path in sorted((ROOT / package).rglob("*.py")):
            if any(outside in path.parents for outside in OUTSIDE):
                continue
            for imported in _imported_packages(path):
                if imported in RUNG and imported != package:
                    yield path.relative_to(ROOT), package, imported


def _imported_packages(path: Path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


def test_our_code_is_imported_at_the_top_of_a_module_except_by_the_command():
    """An import inside a function is what dodges a cycle; only the command's subcommands import
    late, each what it needs (`dorpslijn --help` loads no database or web code)."""
    late = [f"{path.relative_to(ROOT)}:{node.lineno}" for package in set(RUNG) - {"cli"}
            for path in sorted((ROOT / package).rglob("*.py"))
            if not any(outside in path.parents for outside in OUTSIDE)
            for function in ast.walk(ast.parse(path.read_text()))
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
            for node in ast.walk(function)
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").split(".")[0] in RUNG)
            or isinstance(node, ast.Import) and any(alias.name.split(".")[0] in RUNG for alias in node.names)]
    assert late == []


def test_jobs_are_queued_by_function_not_by_a_dotted_name():
    named = [f"{path.relative_to(ROOT)}:{node.lineno}" for package in RUNG
             for path in sorted((ROOT / package).rglob("*.py"))
             for node in ast.walk(ast.parse(path.read_text()))
             if isinstance(node, ast.Constant) and isinstance(node.value, str)
             and any(node.value.startswith(f"{package}.") and node.value.count(".") >= 2 for package in RUNG)]
    assert named == []
