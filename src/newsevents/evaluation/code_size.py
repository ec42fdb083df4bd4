"""Function size in the package's own source (radon's cyclomatic complexity): the rule engines
grew functions of 100+ branches once; `make quality` keeps every function at or under a ceiling.

    python -m newsevents.evaluation.code_size [--over 25]     lists the functions over the limit
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import ConfigError

SOURCE = Path(__file__).resolve().parents[1]
LIMIT = 25  # radon's grade D ends at 30; 25 leaves each rule engine a readable list of rules


def complexities(root: Path = SOURCE) -> list[tuple[int, str]]:
    """(complexity, "file:line name") for every function and method under ``root``."""
    try:
        from radon.complexity import cc_visit
        from radon.visitors import Class
    except ImportError as exc:
        raise ConfigError("radon is not installed: pip install -e '.[lint]'") from exc
    out = []
    for path in sorted(root.rglob("*.py")):
        for block in cc_visit(path.read_text(encoding="utf-8")):
            if isinstance(block, Class):
                continue  # its methods are listed one by one beside it
            out.append((block.complexity,
                        f"{path.relative_to(root.parent)}:{block.lineno} {block.fullname}"))
    return sorted(out, reverse=True)


def code_metrics() -> dict[str, float]:
    found = complexities()
    return {"code_max_function_complexity": float(found[0][0] if found else 0),
            "code_functions_over_limit_share": sum(c > LIMIT for c, _ in found) / max(len(found), 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--over", type=int, default=LIMIT)
    args = parser.parse_args(argv)
    over = [(c, where) for c, where in complexities() if c > args.over]
    for c, where in over:
        print(f"{c:4d}  {where}")
    print(f"{len(over)} functions over {args.over}", file=sys.stderr)
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
