"""Copy the document files to another storage before switching DOCUMENT_STORAGE (see README.md)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from documents.storage_health import storage_problems
from documents.storage_move import storage_copy, storage_named


class Command(BaseCommand):
    help = (
        "Copy every document file from one storage to another (e.g. --to s3: from DOCUMENT_ROOT to the "
        "DOCUMENT_S3_* bucket), verifying the SHA-256 of each copy. Safe to run again: files already copied "
        "are skipped. The source is left as it is."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        choices = sorted(settings.DOCUMENT_STORAGE_BACKENDS)
        parser.add_argument("--to", required=True, choices=choices, help="the storage to copy the files to")
        parser.add_argument("--from", dest="source", choices=choices, help="default: the other storage")

    def handle(self, *args: Any, **options: Any) -> None:
        to = options["to"]
        source_name = options["source"] or next(n for n in settings.DOCUMENT_STORAGE_BACKENDS if n != to)
        if source_name == to:
            raise CommandError("--from and --to name the same storage.")
        source, target = storage_named(source_name), storage_named(to)
        problems = storage_problems(source) + storage_problems(target)
        if problems:
            raise CommandError("\n".join(problems))
        report = storage_copy(source=source, target=target)
        self.stdout.write(
            f"{source_name} → {to}: {report.copied} copied, {report.already_there} already there, "
            f"{len(report.failed)} failed."
        )
        if report.failed:
            raise CommandError("Not copied:\n" + "\n".join(report.failed))
