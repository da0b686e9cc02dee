"""Saving and loading a plan as one JSON file (format name and schema version), safely: never
overwriting silently, writing atomically, with an autosave backup."""
from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import os
import tempfile
from pathlib import Path


from .. import __version__
from .model import Action, Diagnosis, FILE_FORMAT, KPI, Plan, PlanFileError, SCHEMA_VERSION, Stakeholder, _plain

def plan_to_dict(plan: Plan) -> dict:
    """The plan as plain JSON-ready values (numbers, text, lists, dicts)."""
    raw = dataclasses.asdict(plan)
    raw["diagnosis"]["numbers"] = {k: _plain(v) for k, v in raw["diagnosis"]["numbers"].items()}
    return raw


def _need(raw: dict, key: str, where: str):
    if key not in raw:
        raise PlanFileError(f"The file is missing the field '{where}{key}'.")
    return raw[key]


def _typed(value, kind: str, where: str):
    """Check one value's type and return it (ints may stand for floats)."""
    ok = {
        "str": isinstance(value, str),
        "int": isinstance(value, int) and not isinstance(value, bool),
        "int?": value is None or (isinstance(value, int) and not isinstance(value, bool)),
        "float": isinstance(value, (int, float)) and not isinstance(value, bool),
        "float?": value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)),
        "bool": isinstance(value, bool),
        "strs": isinstance(value, list) and all(isinstance(v, str) for v in value),
        "list": isinstance(value, list),
        "dict": isinstance(value, dict),
    }[kind]
    if not ok:
        readable = {"str": "text", "int": "a whole number", "int?": "a whole number or empty",
                    "float": "a number", "float?": "a number or empty", "bool": "true or false",
                    "strs": "a list of text lines", "list": "a list", "dict": "a group of fields"}[kind]
        raise PlanFileError(f"In the file, '{where}' should be {readable}, not {json.dumps(value)[:40]}.")
    return value


SPECS = {
    Stakeholder: {"name": "str", "type": "str", "influence": "int", "interest": "int", "role": "str"},
    Diagnosis: {"province": "str", "division": "str", "start_year": "int?", "end_year": "int?", "numbers": "dict",
                "strengths": "strs", "weaknesses": "strs", "opportunities": "strs", "threats": "strs"},
    Action: {"action": "str", "objective": "str", "owner": "str", "start_month": "int", "duration_months": "int",
             "cost_rupiah": "float", "quick_win": "bool"},
    KPI: {"name": "str", "unit": "str", "baseline": "float", "target": "float", "latest": "float?",
          "objective": "str", "measure": "str"},
    Plan: {"title": "str", "plan_id": "str", "horizon_months": "int", "stakeholders": "list", "diagnosis": "dict",
           "vision": "str", "objectives": "strs", "actions": "list", "kpis": "list", "illustrative": "bool",
           "notes": "str"},
}


def _record(cls, raw, where: str):
    if not isinstance(raw, dict):
        raise PlanFileError(f"In the file, '{where.rstrip('.')}' should be a group of fields.")
    values = {key: _typed(_need(raw, key, where), kind, where + key) for key, kind in SPECS[cls].items()}
    for key in ("baseline", "target", "latest", "cost_rupiah"):
        if key in values and values[key] is not None and cls in (KPI, Action):
            values[key] = float(values[key])
    return values


def plan_from_dict(raw: dict) -> Plan:
    """Rebuild a Plan from ``plan_to_dict``'s output, checking every field's presence and type.

    Raises PlanFileError naming the first missing or wrongly typed field
    (for example 'plan.actions[2].owner').
    """
    values = _record(Plan, raw, "plan.")
    values["stakeholders"] = [Stakeholder(**_record(Stakeholder, s, f"plan.stakeholders[{i}]."))
                              for i, s in enumerate(values["stakeholders"])]
    diagnosis = _record(Diagnosis, values["diagnosis"], "plan.diagnosis.")
    for key, value in diagnosis["numbers"].items():
        if not (value is None or isinstance(value, (str, int, float, bool))):
            raise PlanFileError(f"In the file, 'plan.diagnosis.numbers.{key}' should be a number, text or empty.")
    values["diagnosis"] = Diagnosis(**diagnosis)
    values["actions"] = [Action(**_record(Action, a, f"plan.actions[{i}].")) for i, a in enumerate(values["actions"])]
    values["kpis"] = [KPI(**_record(KPI, k, f"plan.kpis[{i}].")) for i, k in enumerate(values["kpis"])]
    if not values["plan_id"]:
        raise PlanFileError("The file's plan has an empty plan_id.")
    return Plan(**values)


def plan_to_json(plan: Plan) -> str:
    """The plan file's text: format name, schema version, time of saving and the plan."""
    envelope = {
        "format": FILE_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "saved_at": _dt.datetime.now().isoformat(timespec="seconds"),
        "saved_by": f"klaster {__version__}",
        "plan": plan_to_dict(plan),
    }
    try:
        return json.dumps(envelope, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    except (TypeError, ValueError) as problem:
        raise PlanFileError(f"The plan holds a value that cannot be saved ({problem}).") from None


def plan_from_json(text: str, name: str = "The file") -> Plan:
    """Read a plan file's text; refuse a damaged or foreign file with a clear message."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as problem:
        raise PlanFileError(f"{name} is damaged: it is not valid JSON (line {problem.lineno}, column "
                            f"{problem.colno}: {problem.msg}).") from None
    if not isinstance(raw, dict) or raw.get("format") != FILE_FORMAT:
        raise PlanFileError(f"{name} is not a Klaster cluster-strategy plan (it has no \"format\": "
                            f"\"{FILE_FORMAT}\"); it may belong to another program.")
    version = raw.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise PlanFileError(f"{name} has no valid schema_version, so it cannot be read safely.")
    if version > SCHEMA_VERSION:
        raise PlanFileError(f"{name} was saved with a newer version of the plan format ({version}); "
                            f"this version of klaster reads version {SCHEMA_VERSION}. Update the course.")
    if version < 1:
        raise PlanFileError(f"{name} has an unknown schema_version {version}.")
    try:
        return plan_from_dict(_need(raw, "plan", ""))
    except PlanFileError as problem:
        raise PlanFileError(f"{name} is incomplete or damaged. {problem}") from None


def _plan_path(path, suffixes=(".json",), what: str = "plan") -> Path:
    if path is None or not str(path).strip():
        raise PlanFileError(f"Give the {what} a file name, for example 'jepara_strategy{suffixes[0]}'.")
    path = Path(str(path).strip()).expanduser()
    if path.suffix.lower() not in suffixes:
        raise PlanFileError(f"The file name {path.name!r} must end in {' or '.join(suffixes)}.")
    if path.is_dir():
        raise PlanFileError(f"{str(path)!r} is a folder, not a file name.")
    if not path.parent.exists():
        raise PlanFileError(f"The folder {str(path.parent)!r} does not exist; create it or choose another.")
    return path


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def _write_atomic(path: Path, content, binary: bool = False) -> None:
    """Write a file completely or not at all (a temporary file in the same folder, then a rename)."""
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
    try:
        os.chmod(temporary, 0o666 & ~_UMASK)  # mkstemp makes private files; give the usual permissions
        with os.fdopen(handle, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as out:
            out.write(content)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


def _read_text(path: Path, name: str) -> str:
    if not path.exists():
        raise PlanFileError(f"There is no file {str(path)!r}; check the name and the folder.")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PlanFileError(f"{name} is damaged: it is not a text (UTF-8) file.") from None
    except OSError as problem:
        raise PlanFileError(f"{name} cannot be read ({problem.strerror}).") from None


def peek_plan_file(path) -> Plan | None:
    """The plan stored in a file, or None if the file is missing, damaged or foreign."""
    try:
        return plan_from_json(_read_text(Path(path), "The file"))
    except PlanFileError:
        return None


def save_plan(plan: Plan, path, overwrite: bool = False) -> Path:
    """Save the plan to ONE JSON file and return its path.

    Never silently overwrites another plan: if the file exists, saving goes
    ahead only when the file holds the same plan (the same ``plan_id``,
    i.e. you are re-saving your own plan) or when ``overwrite=True``.
    A damaged or foreign file of that name is also kept unless
    ``overwrite=True``. The file is written completely or not at all.
    """
    path = _plan_path(path)
    if path.exists() and not overwrite:
        existing = peek_plan_file(path)
        if existing is None:
            raise PlanFileError(f"A file named {path.name!r} already exists and is not one of your plans; "
                                "choose another name, or tick 'overwrite' to replace it.")
        if existing.plan_id != plan.plan_id:
            raise PlanFileError(f"{path.name!r} already holds another plan ({existing.title!r}); choose another "
                                "name, or tick 'overwrite' to replace it.")
    text = plan_to_json(plan)
    try:
        _write_atomic(path, text)
    except OSError as problem:
        raise PlanFileError(f"The plan could not be saved to {path.name!r} ({problem.strerror}).") from None
    return path


def load_plan(path) -> Plan:
    """Load a plan saved by ``save_plan``. A missing, damaged, foreign or incomplete
    file raises PlanFileError with a one-sentence reason (nothing else changes)."""
    path = _plan_path(path)
    return plan_from_json(_read_text(path, f"The file {path.name!r}"), name=f"The file {path.name!r}")


def autosave_path(path) -> Path:
    """The backup file next to a plan file: 'plan.json' -> '.plan.autosave.json'."""
    path = Path(str(path).strip()).expanduser()
    return path.with_name(f".{path.stem}.autosave.json")


def autosave(plan: Plan, path) -> Path:
    """Write the plan to its backup file (see ``autosave_path``) and return the backup's path.

    The backup is replaced on every call, except when it holds a different
    plan (unsaved work of someone else): then PlanFileError asks to restore
    it or to choose another file name.
    """
    backup = autosave_path(_plan_path(path))
    if backup.exists():
        existing = peek_plan_file(backup)
        if existing is not None and existing.plan_id != plan.plan_id:
            raise PlanFileError(f"The backup {backup.name!r} holds unsaved work of another plan "
                                f"({existing.title!r}); press 'Restore autosave' to get it back, or choose another "
                                "file name. Autosave is paused.")
    try:
        _write_atomic(backup, plan_to_json(plan))
    except OSError as problem:
        raise PlanFileError(f"Autosave to {backup.name!r} failed ({problem.strerror}).") from None
    return backup


def restore_autosave(path) -> Plan:
    """Load the plan from the backup file of ``path`` (the plan file need not exist)."""
    backup = autosave_path(_plan_path(path))
    if not backup.exists():
        raise PlanFileError(f"There is no autosave for {Path(str(path)).name!r} (no file {backup.name!r}).")
    return plan_from_json(_read_text(backup, f"The autosave {backup.name!r}"), name=f"The autosave {backup.name!r}")


