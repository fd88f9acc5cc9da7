"""Download an OEWS special-request zip from BLS and take out its workbooks. Pure: no
Django, database or cache; the caller passes the address, User-Agent and limits.

What comes back from the network is distrusted like an upload: the download is capped by
its declared length and again by the bytes that actually arrive, the whole of it must come
within the timeout, only http and https are followed, and the zip's declared sizes are
checked before anything is unpacked. Every failure is a FetchError whose one-line message
says what went wrong and what to do; the workbooks themselves are read by
salaries.oews.read, the same reader as the admin upload.
"""

import http.client
import io
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from salaries.oews.read import MAX_BYTES, Period

# BLS's file codes: oesm25nat.zip, oesm25st.zip, oesm25ma.zip.
SCOPES = {"national": "nat", "state": "st", "metro": "ma"}
FIRST_YEAR = 1997
CHUNK = 64 * 1024
# A special-request zip holds one or two workbooks; far more means it is something else.
MAX_MEMBERS = 100
READABLE = (".xlsx", ".xlsm", ".csv")


class FetchError(Exception):
    """A download that cannot be used; the message is one line meant for the editor."""


@dataclass(frozen=True)
class Workbook:
    """A workbook taken out of the zip: its name there (folders left off) and its bytes."""

    name: str
    data: bytes


def check_year(text: str, *, this_year: int) -> int:
    """The survey year given on the command line, as a number, or FetchError."""
    text = (text or "").strip()
    # isascii: str.isdigit() also takes digits such as "²" that int() refuses.
    four_digits = len(text) == 4 and text.isascii() and text.isdigit()
    if not four_digits or not FIRST_YEAR <= int(text) <= this_year:
        raise FetchError(
            f"--year must be a four-digit year from {FIRST_YEAR} to {this_year}, such as "
            f'{this_year - 1}; "{text[:20]}" is not.'
        )
    return int(text)


def file_url(template: str, year: int, scope: str) -> str:
    """The address of one year's file: {yy} is the two-digit year, {scope} BLS's file code."""
    url = template.replace("{yy}", f"{year % 100:02d}").replace("{scope}", SCOPES[scope])
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"OEWS_URL_TEMPLATE must give an http or https address, not {url}.")
    return url


class _HttpOnly(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http and https only (urllib would also follow one to ftp)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme not in ("http", "https"):
            raise FetchError(f"{req.full_url} redirects to {newurl}, which is not http or https.")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_HttpOnly)


def download(
    url: str, *, period: Period, user_agent: str, timeout: float, max_bytes: int = MAX_BYTES
) -> bytes:
    """The file at url, whole, or FetchError. The timeout bounds the whole download, not
    just each wait for the network, so a server that trickles bytes is cut off too."""
    request = urllib.request.Request(url, headers={"User-Agent": user_agent})
    deadline = time.monotonic() + timeout
    limit = _size(max_bytes)
    try:
        with _opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length", "")
            if declared.isascii() and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(
                    f"{url} is {int(declared) / 1024 / 1024:.1f} MB; downloads over {limit} "
                    "are refused."
                )
            chunks, received = [], 0
            while chunk := response.read1(CHUNK):
                received += len(chunk)
                if received > max_bytes:
                    raise FetchError(
                        f"{url} sent more than {limit} (it did not say how much it would send); "
                        f"downloads over {limit} are refused."
                    )
                if time.monotonic() > deadline:
                    raise TimeoutError
                chunks.append(chunk)
    except urllib.error.HTTPError as error:
        error.close()
        raise FetchError(_refused(url, error.code, error.reason, period)) from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise FetchError(_timed_out(url, timeout)) from None
        raise FetchError(_unreachable(url, error.reason)) from None
    except TimeoutError:
        raise FetchError(_timed_out(url, timeout)) from None
    except (http.client.HTTPException, OSError, ValueError) as error:
        raise FetchError(_unreachable(url, error)) from None
    return b"".join(chunks)


def _size(count: int) -> str:
    megabytes, rest = divmod(count, 1024 * 1024)
    return f"{megabytes} MB" if megabytes and not rest else f"{count:,} bytes"


def _refused(url: str, status: int, reason: str, period: Period) -> str:
    if status == 403:
        return (
            f"BLS refused the download of {url} (HTTP 403 Forbidden): it turns away requests "
            "without a descriptive User-Agent, so check OEWS_USER_AGENT names this site and "
            "gives a contact e-mail address."
        )
    if status == 404:
        return (
            f"There is no OEWS file for {period.label} at {url} (HTTP 404 Not Found): BLS "
            "publishes each May's figures the following spring, so it may not be out yet."
        )
    return f"The download of {url} failed: HTTP {status} {reason}."


def _timed_out(url: str, timeout: float) -> str:
    return f"The download of {url} timed out after {timeout:g} s (OEWS_TIMEOUT); try again later."


def _unreachable(url: str, reason) -> str:
    text = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return f"Could not download {url}: {text}."


def workbooks(data: bytes, zip_name: str, period: Period) -> list[Workbook]:
    """The OEWS workbooks (XLSX or CSV) in a special-request zip, unpacked, or FetchError.

    A file whose name (or folder) states a survey period other than ``period`` is refused:
    a wrong address must not import one year's figures as another's.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise FetchError(
            f"{zip_name} is not a complete zip archive (the address may have answered with a "
            "web page: check OEWS_URL_TEMPLATE)."
        ) from None
    if len(infos) > MAX_MEMBERS:
        raise FetchError(f"{zip_name} holds {len(infos):,} files, more than an OEWS zip has.")
    wanted = [info for info in infos if _is_workbook(info)]
    if not wanted:
        if any(info.filename.lower().endswith(".xls") for info in infos):
            raise FetchError(
                f"{zip_name} holds only old Excel 97-2003 files (.xls): unpack it, save the "
                "workbook as .xlsx and use manage.py import_oews."
            )
        raise FetchError(f"{zip_name} holds no OEWS workbook (.xlsx or .csv).")
    for info in wanted:
        stated = _stated_period(info.filename)
        if stated is not None and stated != period:
            raise FetchError(
                f"{zip_name} holds {info.filename}, which is for {stated.label}, not "
                f"{period.label}; check OEWS_URL_TEMPLATE."
            )
        if info.file_size > MAX_BYTES:
            raise FetchError(
                f"{zip_name} holds {info.filename} of {info.file_size / 1024 / 1024:,.0f} MB; "
                f"workbooks over {MAX_BYTES // 1024 // 1024} MB are refused."
            )
    return [
        Workbook(PurePosixPath(info.filename).name, _unpack(archive, info, zip_name))
        for info in wanted
    ]


def _is_workbook(info: zipfile.ZipInfo) -> bool:
    path = PurePosixPath(info.filename)
    return (
        not info.is_dir()
        and path.suffix.lower() in READABLE
        and "__MACOSX" not in path.parts
        and not path.name.startswith(("~$", "."))
        # Some years add a workbook describing the columns, which holds no data.
        and "description" not in path.name.lower()
    )


def _stated_period(member: str) -> Period | None:
    """The period stated by the member's name, or else by one of its folders."""
    for part in reversed(PurePosixPath(member).parts):
        if period := Period.from_filename(part):
            return period
    return None


def _unpack(archive: zipfile.ZipFile, info: zipfile.ZipInfo, zip_name: str) -> bytes:
    try:
        with archive.open(info) as stream:
            # zipfile never unpacks beyond the declared size, checked above.
            return stream.read(MAX_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        raise FetchError(f"{zip_name} is damaged: {info.filename} cannot be unpacked.") from None
    except (NotImplementedError, RuntimeError):
        raise FetchError(
            f"{zip_name} is damaged: {info.filename} is encrypted or compressed oddly."
        ) from None
