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
from ..i18n import N_, _
from .model import Action, Diagnosis, FILE_FORMAT, KPI, Plan, PlanFileError, SCHEMA_VERSION, Stakeholder, _plain

def plan_to_dict(plan: Plan) -> dict:
    """The plan as plain JSON-ready values (numbers, text, lists, dicts)."""
    raw = dataclasses.asdict(plan)
    raw["diagnosis"]["numbers"] = {k: _plain(v) for k, v in raw["diagnosis"]["numbers"].items()}
    return raw


def _need(raw: dict, key: str, where: str):
    if key not in raw:
        raise PlanFileError(_("The file is missing the field '{field}'.").format(field=where + key))
    return raw[key]


_SHOULD_BE = {
    "str": N_("In the file, '{field}' should be text, not {value}."),
    "int": N_("In the file, '{field}' should be a whole number, not {value}."),
    "int?": N_("In the file, '{field}' should be a whole number or empty, not {value}."),
    "float": N_("In the file, '{field}' should be a number, not {value}."),
    "float?": N_("In the file, '{field}' should be a number or empty, not {value}."),
    "bool": N_("In the file, '{field}' should be true or false, not {value}."),
    "strs": N_("In the file, '{field}' should be a list of text lines, not {value}."),
    "list": N_("In the file, '{field}' should be a list, not {value}."),
    "dict": N_("In the file, '{field}' should be a group of fields, not {value}."),
}


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
        raise PlanFileError(_(_SHOULD_BE[kind]).format(field=where, value=json.dumps(value)[:40]))
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
        raise PlanFileError(_("In the file, '{field}' should be a group of fields.").format(field=where.rstrip(".")))
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
            raise PlanFileError(_("In the file, '{field}' should be a number, text or empty.").format(
                field=f"plan.diagnosis.numbers.{key}"))
    values["diagnosis"] = Diagnosis(**diagnosis)
    values["actions"] = [Action(**_record(Action, a, f"plan.actions[{i}].")) for i, a in enumerate(values["actions"])]
    values["kpis"] = [KPI(**_record(KPI, k, f"plan.kpis[{i}].")) for i, k in enumerate(values["kpis"])]
    if not values["plan_id"]:
        raise PlanFileError(_("The file's plan has an empty plan_id."))
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
        raise PlanFileError(_("The plan holds a value that cannot be saved ({problem}).").format(problem=problem)) \
            from None


def plan_from_json(text: str, name: str | None = None) -> Plan:
    """Read a plan file's text; refuse a damaged or foreign file with a clear message.

    ``name`` says what the text is in messages (by default "The file", in the course language).
    """
    name = _("The file") if name is None else name
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as problem:
        raise PlanFileError(_("{name} is damaged: it is not valid JSON (line {line}, column {column}: {problem}).")
                            .format(name=name, line=problem.lineno, column=problem.colno, problem=problem.msg)) \
            from None
    if not isinstance(raw, dict) or raw.get("format") != FILE_FORMAT:
        raise PlanFileError(_('{name} is not a Klaster cluster-strategy plan (it has no "format": "{format}"); it '
                              'may belong to another program.').format(name=name, format=FILE_FORMAT))
    version = raw.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise PlanFileError(_("{name} has no valid schema_version, so it cannot be read safely.").format(name=name))
    if version > SCHEMA_VERSION:
        raise PlanFileError(_("{name} was saved with a newer version of the plan format ({version}); this version "
                              "of klaster reads version {supported}. Update the course.").format(
                                  name=name, version=version, supported=SCHEMA_VERSION))
    if version < 1:
        raise PlanFileError(_("{name} has an unknown schema_version {version}.").format(name=name, version=version))
    try:
        return plan_from_dict(_need(raw, "plan", ""))
    except PlanFileError as problem:
        raise PlanFileError(_("{name} is incomplete or damaged. {problem}").format(name=name, problem=problem)) \
            from None


_NEEDS_A_NAME = {"plan": N_("Give the plan a file name, for example '{example}'."),
                 "summary": N_("Give the summary a file name, for example '{example}'.")}


def _plan_path(path, suffixes=(".json",), what: str = "plan") -> Path:
    if path is None or not str(path).strip():
        raise PlanFileError(_(_NEEDS_A_NAME[what]).format(example=f"jepara_strategy{suffixes[0]}"))
    path = Path(str(path).strip()).expanduser()
    if path.suffix.lower() not in suffixes:
        raise PlanFileError(_("The file name {name!r} must end in {suffixes}.").format(
            name=path.name, suffixes=_(" or ").join(suffixes)))
    if path.is_dir():
        raise PlanFileError(_("{path!r} is a folder, not a file name.").format(path=str(path)))
    if not path.parent.exists():
        raise PlanFileError(_("The folder {folder!r} does not exist; create it or choose another.").format(
            folder=str(path.parent)))
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
        raise PlanFileError(_("There is no file {path!r}; check the name and the folder.").format(path=str(path)))
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PlanFileError(_("{name} is damaged: it is not a text (UTF-8) file.").format(name=name)) from None
    except OSError as problem:
        raise PlanFileError(_("{name} cannot be read ({problem}).").format(name=name, problem=problem.strerror)) \
            from None


def peek_plan_file(path) -> Plan | None:
    """The plan stored in a file, or None if the file is missing, damaged or foreign."""
    try:
        return plan_from_json(_read_text(Path(path), _("The file")))
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
            raise PlanFileError(_("A file named {name!r} already exists and is not one of your plans; choose another "
                                  "name, or tick 'overwrite' to replace it.").format(name=path.name))
        if existing.plan_id != plan.plan_id:
            raise PlanFileError(_("{name!r} already holds another plan ({title!r}); choose another name, or tick "
                                  "'overwrite' to replace it.").format(name=path.name, title=existing.title))
    text = plan_to_json(plan)
    try:
        _write_atomic(path, text)
    except OSError as problem:
        raise PlanFileError(_("The plan could not be saved to {name!r} ({problem}).").format(
            name=path.name, problem=problem.strerror)) from None
    return path


def load_plan(path) -> Plan:
    """Load a plan saved by ``save_plan``. A missing, damaged, foreign or incomplete
    file raises PlanFileError with a one-sentence reason (nothing else changes)."""
    path = _plan_path(path)
    name = _("The file {name!r}").format(name=path.name)
    return plan_from_json(_read_text(path, name), name=name)


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
            raise PlanFileError(_("The backup {name!r} holds unsaved work of another plan ({title!r}); press "
                                  "'Restore autosave' to get it back, or choose another file name. Autosave is "
                                  "paused.").format(name=backup.name, title=existing.title))
    try:
        _write_atomic(backup, plan_to_json(plan))
    except OSError as problem:
        raise PlanFileError(_("Autosave to {name!r} failed ({problem}).").format(
            name=backup.name, problem=problem.strerror)) from None
    return backup


def restore_autosave(path) -> Plan:
    """Load the plan from the backup file of ``path`` (the plan file need not exist)."""
    backup = autosave_path(_plan_path(path))
    if not backup.exists():
        raise PlanFileError(_("There is no autosave for {name!r} (no file {backup!r}).").format(
            name=Path(str(path)).name, backup=backup.name))
    name = _("The autosave {name!r}").format(name=backup.name)
    return plan_from_json(_read_text(backup, name), name=name)


