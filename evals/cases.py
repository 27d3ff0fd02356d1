"""Labelled cases kept as YAML lists, one or more files per dataset folder (a new held-out split is a new file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def cases_in(folder: Path) -> list[dict[str, Any]]:
    """The cases of every YAML file in the folder, file by file in name order."""
    return [case for path in sorted(folder.glob("*.yaml")) for case in yaml.safe_load(path.read_text("utf-8")) or []]
