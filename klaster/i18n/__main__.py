"""Command line for the library's translations.

    python -m klaster.i18n update        rewrite the .po catalogs from the code and the English
                                         notebooks (keeps translations, marks changed ones fuzzy)
    python -m klaster.i18n build         write the translated notebooks (notebooks/id/, solutions/id/,
                                         workshop/id/) from the English ones and the catalogs
    python -m klaster.i18n check         exit 1 if a catalog or a translated notebook is stale,
                                         incomplete or broken
    python -m klaster.i18n stats         how many texts each language has translated
    python -m klaster.i18n add CODE      start a catalog for a new language (for example: add ms)
"""
from __future__ import annotations

import argparse
import sys

from . import extract, notebooks
from ..paths import COURSE_ROOT


def course_root():
    """The course folder (with notebooks/ and translations/), or None for an installed library alone."""
    return COURSE_ROOT if (COURSE_ROOT / "notebooks").is_dir() else None
from .po import Catalog, read_po, write_po


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m klaster.i18n", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["update", "build", "check", "stats", "add"])
    parser.add_argument("code", nargs="?", help="language code for 'add' (for example ms)")
    args = parser.parse_args(argv)
    root = extract.PACKAGE_ROOT
    if args.command == "add":
        if not args.code or not args.code.isalpha():
            parser.error("give the new language's code, for example: python -m klaster.i18n add ms")
        path = root / "locale" / args.code / "LC_MESSAGES" / "klaster.po"
        if path.exists():
            print(f"{path} exists already.")
            return 1
        path.parent.mkdir(parents=True, exist_ok=True)
        header = dict(read_po(extract.catalog_paths(root)[0].read_text(encoding="utf-8")).header) \
            if extract.catalog_paths(root) else {}
        header["Language"] = args.code
        header.pop("Plural-Forms", None)
        path.write_text(write_po(Catalog(header=header, header_comments=[f"{args.code} texts of the klaster library."])),
                        encoding="utf-8", newline="\n")
        extract.update(root)
        print(f"wrote {path}; translate its entries (Poedit or Weblate), then run: python -m klaster.i18n check")
        return 0
    course = course_root()
    if args.command == "build":
        if course is None:
            print("There are no course notebooks next to this library (it is installed without the course).")
            return 1
        for path in notebooks.build(course):
            print(f"wrote {path.relative_to(course)}")
        print("Now run `python -m klaster.exercises build` to write the translated exercise notebooks.")
        return 0
    if args.command == "update":
        changed = extract.update(root) + (notebooks.update(course) if course is not None else [])
        for path in changed:
            print(f"updated {path}")
        if not changed:
            print("The catalogs are up to date with the code.")
        problems = extract.extract(root).problems
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    if args.command == "stats":
        for path in extract.catalog_paths(root):
            catalog = read_po(path.read_text(encoding="utf-8"))
            done = sum(e.translated for e in catalog.entries)
            fuzzy = sum(e.fuzzy for e in catalog.entries)
            print(f"{path.parent.parent.name}: {done} of {len(catalog.entries)} texts translated, {fuzzy} fuzzy")
        return 0
    problems = extract.check(root) + (notebooks.check(course) if course is not None else [])
    for problem in problems[:200]:
        print(problem, file=sys.stderr)
    if len(problems) > 200:
        print(f"... and {len(problems) - 200} more.", file=sys.stderr)
    if problems:
        return 1
    print("Every catalog is up to date and complete.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
