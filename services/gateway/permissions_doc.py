"""`python -m services.gateway.permissions_doc --write | --check`: keep docs/permissions.md in step with the code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from services.gateway.domain.permissions import COMMAND, DOC_PATH, permissions_markdown
from services.gateway.settings import GatewaySettings

REPO_ROOT = Path(__file__).resolve().parents[2]


def render() -> str:
    """The document as the code describes it now."""
    return permissions_markdown(dict(GatewaySettings.model_fields))


def main(argv: list[str] | None = None) -> int:
    """Write the document, or check that the committed one is current (exit 1 when not)."""
    parser = argparse.ArgumentParser(description=__doc__)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help=f"write {DOC_PATH}")
    mode.add_argument("--check", action="store_true", help=f"fail when {DOC_PATH} is out of date")
    args = parser.parse_args(argv)
    path = REPO_ROOT / DOC_PATH
    wanted = render()
    if args.write:
        path.write_text(wanted, encoding="utf-8")
        return 0
    if not path.exists() or path.read_text(encoding="utf-8") != wanted:
        sys.stderr.write(f"{DOC_PATH} is out of date: run `{COMMAND}`\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
