"""The command line: ``udviklingsplan [--db PATH] KOMMANDO`` (list, import, export, check, backup,
comments, framework, rollup).

Exit codes: 0 success; 1 ``check`` found a finding of severity "fejl"; 2 bad usage or bad
input; 3 a database problem; 4 an unexpected error. Messages go to stderr in Danish, never as
a traceback. Without a command the GUI starts (through the ``start_gui`` callback, so this
module never imports Qt). Export kinds that live outside the core (the PDF, which needs Qt) come
in the same way: ``main.py`` passes ``exporters``, a file suffix → a function that writes the
stored plan with that id to a path.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from . import APP_NAME, app_version
from .errors import DatabaseProblem, InputError, UdviklingsplanError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_DATABASE, EXIT_INTERNAL = 0, 1, 2, 3, 4

StartGui = Callable[[Path | None, bool], int]
#: Writes the stored plan with this id to the path (an export kind from outside the core).
Exporter = Callable[[int, Path], object]

_ARGPARSE_DANISH = (
    ("the following arguments are required", "disse argumenter mangler"),
    ("unrecognized arguments", "ukendte argumenter"),
    ("invalid choice", "ukendt valg"),
    ("choose from", "vælg mellem"),
    ("expected one argument", "der mangler en værdi"),
    ("invalid int value", "ikke et helt tal"),
    ("ambiguous option", "tvetydigt tilvalg"),
    ("could match", "kan betyde"),
    ("not allowed with argument", "kan ikke bruges sammen med"),
    ("ignored explicit argument", "tager ingen værdi, men fik"),
)


class _DanishFormatter(argparse.HelpFormatter):
    def add_usage(
        self, usage: str | None, actions: object, groups: object, prefix: str | None = None
    ) -> None:
        super().add_usage(usage, actions, groups, "Brug: " if prefix is None else prefix)  # type: ignore[arg-type]


class _Parser(argparse.ArgumentParser):
    """argparse that speaks Danish and exits with code 2 on bad usage."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(formatter_class=_DanishFormatter, add_help=False, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "kommandoer og argumenter"
        self._optionals.title = "tilvalg"
        self.add_argument("-h", "--help", action="help", help="vis denne hjælp og afslut")
        #: The command line being read (for :func:`_plan_hint`); the commands taking --plan.
        self.argv: list[str] = []
        self.plan_commands: set[str] = set()

    def error(self, message: str) -> NoReturn:
        hint = _plan_hint(self.argv, self.plan_commands) if "unrecognized" in message else ""
        for english, danish in _ARGPARSE_DANISH:
            message = message.replace(english, danish)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{APP_NAME}: {message}\n{hint}")


def _plan_hint(argv: Sequence[str], plan_commands: set[str]) -> str:
    """A plan's id typed without ``--plan`` (``export 1 --out …``): the line as meant."""
    command = next((word for word in argv if word in plan_commands), None)
    if command is None or "--plan" in argv:
        return ""
    start = argv.index(command)
    number = next((w for w in argv[start + 1 :] if w.isdigit()), None)
    if number is None:
        return ""
    meant = list(argv)
    meant.insert(meant.index(number, start + 1), "--plan")
    line = " ".join(f'"{w}"' if " " in w else w for w in ["udviklingsplan", *meant])
    return f"En plans id skrives med --plan, fx: {line}\n"


def _build_parser() -> _Parser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        type=Path,
        metavar="STI",
        default=argparse.SUPPRESS,
        help="databasefilen (standard: brugerens egen datamappe)",
    )
    parser = _Parser(
        prog="udviklingsplan",
        description="Udviklingsplan for arbejdspladsen. Uden kommando startes programmet.",
        parents=[common],
    )
    parser.add_argument("--version", action="store_true", help="vis programmets version")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="byg hovedvinduet uden skærm og afslut (til test og måling)",
    )
    commands: Any = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=_Parser)
    commands.add_parser(
        "list", help="vis planerne: id, arbejdsplads, leder, strategiramme, år", parents=[common]
    )
    imp = commands.add_parser(
        "import",
        help="opret en plan fra en JSON-fil; skriver dens id",
        description="Opret en plan fra en JSON-fil. En plan, der allerede findes i databasen, "
        "afvises, medmindre --replace eller --copy er valgt.",
        parents=[common],
    )
    imp.add_argument(
        "file", type=Path, metavar="FIL.json", help="planen i udvekslingsformatet (UTF-8)"
    )
    same = imp.add_mutually_exclusive_group()
    same.add_argument(
        "--replace",
        action="store_true",
        help="findes planen allerede, erstattes den med filens indhold (efter en sikkerhedskopi)",
    )
    same.add_argument(
        "--copy",
        action="store_true",
        help="findes planen allerede, gemmes filen som en ny plan ved siden af (en kopi)",
    )
    exp = commands.add_parser(
        "export", help="gem en plan som JSON, Excel eller PDF", parents=[common]
    )
    exp.add_argument("--plan", type=int, metavar="ID", help="planens id (kan udelades ved én plan)")
    exp.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FIL",
        help="FIL.json (udvekslingsformatet), FIL.xlsx (Excel til dialogen med din leder) "
        "eller FIL.pdf (til journalisering og udskrift) eller FIL.eml (en e-mailkladde til din "
        "leder med Excel-filen vedhæftet; Excel-filen gemmes også ved siden af kladden)",
    )
    chk = commands.add_parser(
        "check", help="vis vejledningens bemærkninger, én pr. linje", parents=[common]
    )
    chk.add_argument("--plan", type=int, metavar="ID", help="planens id (kan udelades ved én plan)")
    com = commands.add_parser(
        "comments",
        help="vis din leders svar i en Excel-fil (eller gem kommentarerne med --apply)",
        description="Vis, hvad din leder har skrevet i den Excel-fil, du fik tilbage: én linje "
        "pr. kommentar eller statusforslag. Intet gemmes uden --apply; statusforslag gemmes "
        "aldrig herfra (vælg dem i programmets vindue).",
        parents=[common],
    )
    com.add_argument("file", type=Path, metavar="FIL.xlsx", help="Excel-filen fra din leder")
    com.add_argument("--plan", type=int, metavar="ID", help="planens id (ellers filens plan)")
    com.add_argument("--apply", action="store_true", help="gem de nye kommentarer i planen")
    rol = commands.add_parser(
        "rollup",
        help="saml mange lederes planer (Excel- eller JSON-filer) i én samlet projektmappe",
        description="Læs hver plan (.xlsx fra programmet eller .json) – filer eller mapper (kun "
        "filerne direkte i mappen) – og skriv et samlet overblik. Én linje pr. fil: læst, "
        "erstattet eller afvist.",
        parents=[common],
    )
    rol.add_argument("paths", type=Path, nargs="+", metavar="STI", help="filer eller mapper")
    rol.add_argument(
        "--out", type=Path, required=True, metavar="FIL.xlsx", help="den samlede projektmappe"
    )
    bak = commands.add_parser("backup", help="lav en sikker kopi af databasen", parents=[common])
    bak.add_argument("--out", type=Path, required=True, metavar="FIL", help="kopiens filnavn")
    frm = commands.add_parser(
        "framework", help="strategirammer: tjek en fil, tilføj den, eller vis dem alle"
    )
    actions: Any = frm.add_subparsers(
        dest="framework_command", metavar="HANDLING", parser_class=_Parser, required=True
    )
    frm_check = actions.add_parser(
        "check", help="tjek en strategiramme-fil og vis et kort resumé af den"
    )
    frm_check.add_argument("file", type=Path, metavar="FIL.json", help="strategirammen (UTF-8)")
    frm_add = actions.add_parser(
        "add", help="tjek en strategiramme-fil og tilføj den for denne bruger"
    )
    frm_add.add_argument("file", type=Path, metavar="FIL.json", help="strategirammen (UTF-8)")
    actions.add_parser("list", help="vis alle strategirammer: id, version, titel og kilde")
    parser.plan_commands = {"export", "check", "comments"}  # (those with --plan above)
    return parser


def main(
    argv: Sequence[str] | None = None,
    start_gui: StartGui | None = None,
    exporters: Mapping[str, Exporter] | None = None,
) -> int:
    """Run the command line; returns the exit code.

    ``exporters`` adds export kinds by file suffix (``{".pdf": write}``), for writers that live
    outside the core.
    """
    for stream in (sys.stdout, sys.stderr):
        # A console or pipe that cannot show "æøå–»" gets a replacement character, not a crash.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    parser = _build_parser()
    parser.argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(parser.argv)
    db_path: Path | None = getattr(args, "db", None)
    if args.version:
        print(f"{APP_NAME} {app_version()}")
        return EXIT_OK
    if args.command is None:
        if start_gui is None:
            print(f"{APP_NAME}: der er ingen brugerflade i denne sammenhæng.", file=sys.stderr)
            return EXIT_USAGE
        return start_gui(db_path, bool(args.smoke_test))
    try:
        return _run(args, db_path, sys.stdout, exporters or {})
    except DatabaseProblem as error:
        _say(str(error))
        return EXIT_DATABASE
    except (InputError, UdviklingsplanError) as error:
        _say(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        _say("Afbrudt. Intet halvt arbejde er gemt.")
        return EXIT_USAGE
    except Exception as error:  # the last guard: a message, never a traceback
        from .messages import explain, is_database_error

        if is_database_error(error):
            from .storage.database import default_db_path

            _say(explain(error, db_path or default_db_path()))
            return EXIT_DATABASE
        _say(explain(error, detail=True))
        return EXIT_INTERNAL
    finally:
        from .storage import close_db

        close_db()


def _say(message: str) -> None:
    print(f"{APP_NAME}: {message}", file=sys.stderr)


def _open(db_path: Path | None, *, create: bool) -> Path:
    from .storage import default_db_path, init_db
    from .storage.location import check_location

    path = db_path or default_db_path()
    check_location(path)  # a network path is refused, whether the file is there or not
    if not create and not path.exists():
        raise DatabaseProblem(f"Databasen {path} findes ikke.")
    init_db(path)
    return path


def _plan_id(requested: int | None) -> int:
    from . import services

    return requested if requested is not None else services.only_plan_id()


def _rollup(paths: list[Path], target: Path, out: TextIO) -> int:
    """Read the plans, print one line per file and a summary, write the combined workbook."""
    import datetime as dt

    from .exchange.rollup_excel import file_lines, write_rollup_workbook
    from .rollup import read_plans, summary_text

    if target.suffix.lower() != ".xlsx":
        raise InputError(
            f"Det samlede overblik skrives som .xlsx, ikke »{target.suffix or '(ingen)'}«."
        )
    today = dt.date.today()
    rollup = read_plans(paths, today=today)
    for name, outcome, details in file_lines(rollup):
        print(f"{outcome}\t{name}\t{' '.join(details.split())}", file=out)
    if not rollup.units:
        _say(summary_text(rollup) + " Ingen plan kunne læses, så intet overblik er skrevet.")
        return EXIT_USAGE
    write_rollup_workbook(rollup, target, today=today)
    _say(f"{summary_text(rollup)} Overblikket er gemt i {target}.")
    return EXIT_OK


def _framework_command(args: argparse.Namespace, out: TextIO) -> int:
    """``framework check|add|list``: no database is needed."""
    from . import framework_sources as sources

    if args.framework_command == "list":
        found = sources.available_frameworks()
        for entry in found.entries:
            framework = entry.framework
            print(
                framework.id,
                framework.version,
                framework.title,
                entry.source.label,
                sep="\t",
                file=out,
            )
        for problem in found.problems:
            _say(f"Springer over: {problem}")
        return EXIT_OK
    if args.framework_command == "check":
        framework = sources.check_framework_file(args.file)
        print("\n".join(sources.summary_lines(framework)), file=out)
        return EXIT_OK
    entry = sources.add_framework_file(args.file)
    print("\n".join(sources.summary_lines(entry.framework)), file=out)
    where = entry.path if entry.path is not None else entry.source.label.lower()
    print(f"Strategirammen kan nu vælges (gemt i {where}).", file=out)
    return EXIT_OK


def _run(
    args: argparse.Namespace,
    db_path: Path | None,
    out: TextIO,
    exporters: Mapping[str, Exporter],
) -> int:
    from . import services

    if args.command == "import":
        from .exchange.json_format import read_plan_file
        from .services.plan_import import ImportMode, import_plan
        from .storage import default_db_path

        if (db_path or default_db_path()).exists():
            # The plans' copies of their frameworks count too (a plan exported from here).
            _open(db_path, create=False)
            plan = read_plan_file(args.file, services.find_framework)
        else:
            plan = read_plan_file(args.file)  # checked whole before the database is made
        _open(db_path, create=True)
        mode = (
            ImportMode.REPLACE
            if args.replace
            else ImportMode.COPY
            if args.copy
            else ImportMode.REFUSE
        )
        outcome = import_plan(plan, mode)
        print(outcome.plan_id, file=out)  # the plan's number, for scripts
        _say(outcome.message)
        return EXIT_OK

    if args.command == "framework":
        return _framework_command(args, out)
    if args.command == "rollup":
        return _rollup(args.paths, args.out, out)

    if args.command == "backup":
        from .storage import default_db_path
        from .storage.backup import backup_to

        backup_to(db_path or default_db_path(), args.out)
        return EXIT_OK

    if args.command == "comments":
        return _comments(args, db_path, out)

    _open(db_path, create=False)
    if args.command == "list":
        from .formatting import years_label

        for summary in services.list_plans():
            # One line per plan, whatever the texts hold: tabs and line breaks become spaces.
            cells = (summary.workplace, summary.leader_name, summary.framework_id)
            print(
                summary.id,
                *(" ".join(cell.split()) for cell in cells),
                years_label(summary.first_year, summary.years),
                sep="\t",
                file=out,
            )
        return EXIT_OK

    plan_id = _plan_id(args.plan)
    if args.command == "check":
        from .domain import Severity
        from .guidance import check_plan

        plan = services.load_plan(plan_id)
        findings = check_plan(plan, services.plan_framework(plan_id))
        for finding in findings:
            print(str(finding).replace("\n", " "), file=out)
        if not findings:
            _say("Ingen bemærkninger – planen følger strategiens anbefalinger.")
        return EXIT_FINDINGS if any(f.severity is Severity.FEJL for f in findings) else EXIT_OK

    if args.command == "export":
        suffix = args.out.suffix.lower()
        if suffix == ".json":
            from .exchange.json_format import write_plan_file

            write_plan_file(services.load_plan(plan_id), args.out)
            return EXIT_OK
        if suffix == ".xlsx":
            from .services import export_plan

            export_plan(plan_id, args.out)
            return EXIT_OK
        if suffix == ".eml":
            from .sending import write_draft_with_workbook

            workbook, _ = write_draft_with_workbook(plan_id, args.out)
            _say(f"E-mailkladden er gemt i {args.out}, Excel-filen i {workbook}.")
            return EXIT_OK
        if suffix in exporters:
            exporters[suffix](plan_id, args.out)
            return EXIT_OK
        kinds = [".json", ".xlsx", ".eml", *sorted(exporters)]
        choices = ", ".join(kinds[:-1]) + " eller " + kinds[-1]
        raise InputError(f"Ukendt filtype »{args.out.suffix or '(ingen)'}« – brug {choices}.")

    raise InputError(f"Ukendt kommando: {args.command}")


def _comments(args: argparse.Namespace, db_path: Path | None, out: TextIO) -> int:
    """``comments FILE.xlsx [--plan ID] [--apply]``: the preview, and with --apply the comments."""
    from .exchange.answer import read_answer
    from .services.manager_answers import ItemKind, apply_answer, preview_from_answer

    answer = read_answer(args.file)  # a bad or foreign file is refused before the database
    _open(db_path, create=False)
    preview = preview_from_answer(args.plan, answer)
    for item in preview.items:
        print(item.line(), file=out)
    _say(preview.message)
    if args.apply and preview.plan_id is not None:
        comments = [item.key for item in preview.items if item.kind is not ItemKind.STATUS]
        summary = apply_answer(preview.plan_id, preview, comments)
        _say(summary.message)
        if any(item.kind is ItemKind.STATUS for item in preview.items):
            _say("Statusforslagene er ikke gemt; vælg dem i programmets vindue.")
    return EXIT_OK
