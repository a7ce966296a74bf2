"""Read the text out of an uploaded file, in a separate process with memory and time limits.

Parsers of untrusted files fail in many ways: their own errors, lxml's, zlib's, recursion, and worse, files
built to exhaust the machine (a 1 MB .docx holding 400 MB of XML). So:

1. before any parser runs, a .docx (a zip) is inspected: the declared uncompressed size of its members is
   added up and refused over a limit (Python's zipfile never inflates a member past its declared size, so
   the declaration cannot lie its way through);
2. the parser runs in a child process (`python -m companion.parsing`) that caps its own address space
   (RLIMIT_AS) and CPU time (RLIMIT_CPU) before touching the file; the parent kills it at the wall-clock
   deadline. A crash, an out-of-memory or a timeout is the file's fault: a refusal with a reason;
3. the extracted text is refused over a limit (a small file can still expand to a huge text).

This module imports nothing heavy: the child starts in about 0.1 s.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

SUPPORTED = (".md", ".markdown", ".txt", ".pdf", ".docx")
ZIP_FORMATS = (".docx",)
PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # so the child imports this very code


class Refused(ValueError):
    """The file cannot be used; the message is the reason, for the person who uploaded it."""


@dataclass(frozen=True)
class ParseLimits:
    max_bytes: int = 20 * 1024 * 1024
    max_unpacked_bytes: int = 100 * 1024 * 1024
    max_text_chars: int = 2_000_000
    memory_bytes: int = 768 * 1024 * 1024
    seconds: float = 60.0


def _mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def check_zip(path: Path, limits: ParseLimits) -> None:
    """Refuse a zip-based document whose members unpack to more than the limit, before any parser sees it."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Refused(f"cannot be read as a Word document ({type(exc).__name__})") from exc
    if len(members) > 10_000:
        raise Refused(f"holds {len(members)} parts; a Word document has a few dozen")
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.max_unpacked_bytes:
        raise Refused(f"unpacks to {_mib(unpacked)}, over the {_mib(limits.max_unpacked_bytes)} limit")


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        encrypted = reader.is_encrypted
        text = "" if encrypted else "\n\n".join(page.extract_text() or "" for page in reader.pages)
    except MemoryError:
        raise
    except Exception as exc:
        raise Refused(f"cannot be read as a PDF ({type(exc).__name__})") from exc
    if encrypted:
        raise Refused("is a password-protected PDF")
    return text


def _docx_text(path: Path) -> str:
    import docx

    try:
        document = docx.Document(str(path))
        lines = [p.text for p in document.paragraphs]
        for table in document.tables:
            lines += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    except MemoryError:
        raise
    except Exception as exc:
        raise Refused(f"cannot be read as a Word document ({type(exc).__name__})") from exc
    return "\n\n".join(lines)


def _plain_text(path: Path) -> str:
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise Refused("is not a text file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Refused("is not UTF-8 text") from exc


def parse_here(path: Path, limits: ParseLimits) -> str:
    """The parse itself, in the current process (the child calls it; tests may too)."""
    suffix = path.suffix.lower()
    if suffix in ZIP_FORMATS:
        check_zip(path, limits)
    if suffix == ".pdf":
        text = _pdf_text(path)
    elif suffix == ".docx":
        text = _docx_text(path)
    else:
        text = _plain_text(path)
    if len(text) > limits.max_text_chars:
        raise Refused(f"holds {len(text):,} characters of text, over the {limits.max_text_chars:,} limit")
    return text


def precheck(path: Path, limits: ParseLimits) -> None:
    """Cheap checks in the parent: the type, the size, and a zip's unpacked size."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise Refused(f"unsupported type '{suffix or 'none'}' (use {', '.join(SUPPORTED)})")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise Refused(f"cannot be read: {exc.strerror}") from exc
    if size > limits.max_bytes:
        raise Refused(f"is {_mib(size)}, over the {limits.max_bytes // 2**20} MiB limit")
    if suffix in ZIP_FORMATS:
        check_zip(path, limits)


def parse_isolated(path: Path, limits: ParseLimits, *, command: list[str] | None = None) -> str:
    """The text of `path`, parsed in a child process under `limits`; `Refused` with the reason otherwise.
    `command` replaces the child's program (tests use it to stand in a misbehaving parser)."""
    precheck(path, limits)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PACKAGE_ROOT), os.environ.get("PYTHONPATH", "")])}
    argv = command or [sys.executable, "-m", "companion.parsing"]
    request = json.dumps({"path": str(path), "limits": asdict(limits)})
    try:
        done = subprocess.run(
            argv,
            input=request.encode(),
            capture_output=True,
            timeout=limits.seconds,
            env=env,
            cwd=PACKAGE_ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:  # subprocess.run has killed the child
        logger.warning("parsing %s took over %.0f s: killed", path.name, limits.seconds)
        raise Refused(f"took longer than {limits.seconds:.0f} s to read") from exc
    try:
        answer = json.loads(done.stdout or b"{}")
    except ValueError:
        answer = {}
    if "text" in answer:
        return str(answer["text"])
    if "refused" in answer:
        raise Refused(str(answer["refused"]))
    logger.warning(
        "the parser of %s stopped (exit %s): %s",
        path.name,
        done.returncode,
        done.stderr[-500:].decode(errors="replace"),
    )
    if answer.get("error") == "MemoryError" or b"MemoryError" in done.stderr[-2000:] or done.returncode in (-9, 137):
        raise Refused(f"needs more than {limits.memory_bytes // 2**20} MiB of memory to read")
    if done.returncode in (-24, 152):  # SIGXCPU: the CPU-time limit
        raise Refused(f"took longer than {limits.seconds:.0f} s to read")
    raise Refused("could not be read (the parser stopped)")


def _limit_self(limits: ParseLimits) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    cpu = max(1, int(limits.seconds))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def main() -> None:
    """The child: read the request from stdin, cap itself, parse, answer one JSON object on stdout."""
    request = json.loads(sys.stdin.read())
    limits = ParseLimits(**request["limits"])
    _limit_self(limits)
    try:
        answer: dict[str, str] = {"text": parse_here(Path(request["path"]), limits)}
    except Refused as refused:
        answer = {"refused": str(refused)}
    except MemoryError:
        answer = {"error": "MemoryError"}
    except RecursionError:
        answer = {"refused": "could not be read (nested too deeply)"}
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":
    main()
