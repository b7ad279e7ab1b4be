"""Run every benchmark in this folder, one after another: ``make bench``.

Each benchmark prints its own figures and ratios; none of them asserts on time.
"""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    env.setdefault("DJANGO_SETTINGS_MODULE", "woonafspraken.settings")
    failed = 0
    for script in sorted(HERE.glob("*.py")):
        if script.name in ("run.py", "__init__.py") or script.name.startswith("_"):
            continue
        print(f"== {script.name} ==", flush=True)
        failed += subprocess.run([sys.executable, str(script)], env=env).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
