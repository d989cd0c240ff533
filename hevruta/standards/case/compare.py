"""Comparing two CASE packages as CASE means them: the order of objects in a list carries no meaning."""

from typing import Any


def normalize(value: Any) -> Any:
    """The package with every list of CASE objects sorted by identifier, recursively."""
    if isinstance(value, dict):
        return {key: normalize(inner) for key, inner in value.items()}
    if isinstance(value, list):
        entries = [normalize(inner) for inner in value]
        if entries and all(isinstance(entry, dict) and "identifier" in entry for entry in entries):
            return sorted(entries, key=lambda entry: str(entry["identifier"]))
        return entries
    return value


def differences(left: Any, right: Any, path: str = "package", limit: int = 20) -> list[str]:
    """Where two normalized packages differ, as readable paths; [] when they are the same."""
    found: list[str] = []
    _walk(normalize(left), normalize(right), path, found, limit)
    return found


def _walk(left: Any, right: Any, path: str, found: list[str], limit: int) -> None:
    if len(found) >= limit:
        return
    if isinstance(left, dict) and isinstance(right, dict):
        for key in sorted(set(left) | set(right)):
            if key not in left or key not in right:
                side = "missing on the left" if key not in left else "missing on the right"
                found.append(f"{path}.{key}: {side}")
            else:
                _walk(left[key], right[key], f"{path}.{key}", found, limit)
    elif isinstance(left, list) and isinstance(right, list):
        if len(left) != len(right):
            found.append(f"{path}: {len(left)} entries against {len(right)}")
        for index, (a, b) in enumerate(zip(left, right, strict=False)):
            label = a.get("identifier", index) if isinstance(a, dict) else index
            _walk(a, b, f"{path}[{label}]", found, limit)
    elif left != right or type(left) is not type(right):
        found.append(f"{path}: {left!r} != {right!r}")
