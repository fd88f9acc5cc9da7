"""manage.py fetch_oews against a stand-in for BLS: a local HTTP server started by each
test on 127.0.0.1, so no test reaches the internet."""

import io
import re
import socket
import threading
import time
from dataclasses import dataclass
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command

from careerguide.shared.versioning import current_version
from salaries.models import OewsRelease, OewsWage, Source
from tests.salaries.test_oews_hostile import HEADER, declare_size, workbook, zipped

TITLE = "Medical Secretaries and Administrative Assistants"
# May 2025 figures made up for the tests (the annual ones are the hourly ones times 2,080).
NATIONAL_2025 = [
    "99", "U.S.", 1, "43-6013", TITLE, 761200,
    22.10, 45968, 15.40, 18.05, 21.40, 25.60, 30.25, 32032, 37544, 44512, 53248, 62920,
]  # fmt: skip
STATE_2025 = ["06", "California", 2, *NATIONAL_2025[3:]]
METRO_2025 = ["35620", "New York-Newark-Jersey City, NY-NJ-PA", 4, *NATIONAL_2025[3:]]
NONMETRO_2025 = ["0100001", "Northwest Alabama nonmetropolitan area", 6, *NATIONAL_2025[3:]]
OTHER_OCCUPATION = ["99", "U.S.", 1, "29-1141", "Registered Nurses", *NATIONAL_2025[5:]]
NATIONAL_PATH = "/oes/oesm25nat.zip"


def bls_zip(folder: str = "oesm25nat", **files: list) -> bytes:
    """A special-request zip as BLS lays it out: a folder holding the workbooks."""
    files = files or {"national_M2025_dl.xlsx": [HEADER, NATIONAL_2025]}
    return zipped({f"{folder}/{name}": workbook(rows) for name, rows in files.items()})


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    # True: the body's real length; None: no Content-Length (the body ends when the
    # connection closes); a number: that length declared, whatever is sent.
    length: bool | int | None = True
    chunked: bool = False
    wait: float = 0  # seconds before answering
    trickle: float = 0  # seconds between single bytes of the body


class FakeBls:
    def __init__(self):
        self.replies: dict[str, Reply] = {}
        self.requests: list[tuple[str, str]] = []
        self.stop = threading.Event()


@pytest.fixture
def bls(settings, monkeypatch):
    """A stand-in for www.bls.gov on 127.0.0.1, with OEWS_URL_TEMPLATE pointing at it."""
    fake = FakeBls()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            fake.requests.append((self.path, self.headers.get("User-Agent", "")))
            reply = fake.replies.get(self.path, Reply(b"<html>Not Found</html>", 404))
            if reply.wait:
                fake.stop.wait(reply.wait)
            try:
                self.send_response(reply.status)
                if reply.chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                elif reply.length is True:
                    self.send_header("Content-Length", str(len(reply.body)))
                elif reply.length is not None:
                    self.send_header("Content-Length", str(reply.length))
                self.send_header("Connection", "close")
                self.end_headers()
                self.send_body(reply)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the command hung up, as it should on a refused download

        def send_body(self, reply: Reply):
            if reply.chunked:
                for start in range(0, len(reply.body), 4096):
                    piece = reply.body[start : start + 4096]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                self.wfile.write(b"0\r\n\r\n")
            elif reply.trickle:
                for byte in reply.body:
                    if fake.stop.wait(reply.trickle):
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
            else:
                self.wfile.write(reply.body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    settings.OEWS_URL_TEMPLATE = (
        f"http://127.0.0.1:{server.server_port}/oes/oesm{{yy}}{{scope}}.zip"
    )
    settings.OEWS_USER_AGENT = "guide-tests (editor@example.org)"
    settings.OEWS_TIMEOUT = 10
    yield fake
    fake.stop.set()
    server.shutdown()
    server.server_close()
    thread.join(5)


def stored() -> dict:
    """What an import writes, counted, and the content version that keys the cache."""
    return {
        "releases": OewsRelease.objects.count(),
        "wages": OewsWage.objects.count(),
        "sources": Source.objects.count(),
        "wage history": OewsWage.history.count(),
        "version": current_version(),
    }


def fetch(*args: str) -> str:
    out = io.StringIO()
    call_command("fetch_oews", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def refused(*args: str, match: str) -> str:
    """Run the command expecting a one-line refusal matching `match` and no writes."""
    before = stored()
    with pytest.raises(CommandError, match=match) as caught:
        fetch(*args)
    message = str(caught.value)
    assert "\n" not in message
    assert "Traceback" not in message
    assert stored() == before
    return message


def bls_url(name: str) -> str:
    return settings.OEWS_URL_TEMPLATE.rpartition("/")[0] + f"/{name}"


def salary_page(client) -> str:
    response = client.get("/salary/")
    assert response.status_code == 200
    return response.content.decode()


# --- Success ---------------------------------------------------------------------------


def test_without_confirm_it_prints_the_plan_and_writes_nothing(salary_data, bls):
    bls.replies[NATIONAL_PATH] = Reply(bls_zip())
    before = stored()
    out = fetch("--year", "2025")
    assert f"Downloading {bls_url('oesm25nat.zip')}" in out
    assert "Reading national_M2025_dl.xlsx" in out
    assert "OEWS May 2025 (new release): 1 new, 0 changed, 0 unchanged areas." in out
    assert "Annual median: not on file → $44,512" in out
    assert "Employment: not on file → 761,200" in out
    assert "Nothing written: run again with --confirm to import it." in out
    assert stored() == before
    assert not OewsRelease.objects.filter(slug="may-2025").exists()


def test_it_asks_with_the_configured_user_agent_for_the_years_national_file(salary_data, bls):
    bls.replies[NATIONAL_PATH] = Reply(bls_zip())
    fetch("--year", "2025")
    assert bls.requests == [(NATIONAL_PATH, "guide-tests (editor@example.org)")]


def test_confirm_imports_the_year_and_the_salary_page_shows_it_on_the_next_request(
    client, guide, bls, django_capture_on_commit_callbacks
):
    bls.replies[NATIONAL_PATH] = Reply(bls_zip())
    html = salary_page(client)  # fills the page cache for the current content version
    assert "May 2025" not in html and "$44,512" not in html
    version = current_version()
    with django_capture_on_commit_callbacks(execute=True):
        out = fetch("--year", "2025", "--confirm")
    assert "Imported OEWS May 2025: 1 new, 0 changed, 0 unchanged areas" in out
    assert current_version() != version
    national = OewsWage.objects.get(release__slug="may-2025", area="99", occ_code="43-6013")
    assert (national.employment, national.a_median) == (761_200, 44_512)
    assert Source.objects.get(slug="bls-oews-2025").typical == 44_512
    html = salary_page(client)
    assert "May 2025" in html
    assert "$44,512" in html


def test_changed_figures_for_a_stored_year_show_on_the_next_request(
    client, guide, bls, django_capture_on_commit_callbacks
):
    bls.replies[NATIONAL_PATH] = Reply(bls_zip())
    with django_capture_on_commit_callbacks(execute=True):
        fetch("--year", "2025", "--confirm")
    assert "$44,512" in salary_page(client)
    # BLS revises the file: only wage rows change (bulk writes, which send no save signal).
    revised = [*NATIONAL_2025[:10], 21.50, *NATIONAL_2025[11:15], 44720, *NATIONAL_2025[16:]]
    bls.replies[NATIONAL_PATH] = Reply(bls_zip(**{"national_M2025_dl.xlsx": [HEADER, revised]}))
    version = current_version()
    with django_capture_on_commit_callbacks(execute=True):
        out = fetch("--year", "2025", "--confirm")
    assert "0 new, 1 changed, 0 unchanged areas" in out
    assert current_version() != version
    # The release's wage rows are what the percentile and trend tables show.
    assert "$44,720" in salary_page(client)


def test_confirming_the_same_year_again_changes_nothing(salary_data, bls):
    bls.replies[NATIONAL_PATH] = Reply(bls_zip())
    fetch("--year", "2025", "--confirm")
    history = OewsWage.history.count()
    out = fetch("--year", "2025", "--confirm")
    assert "0 new, 0 changed, 1 unchanged areas" in out
    assert OewsWage.history.count() == history


def test_state_scope_fetches_the_state_file(salary_data, bls):
    bls.replies["/oes/oesm25st.zip"] = Reply(
        bls_zip("oesm25st", **{"state_M2025_dl.xlsx": [HEADER, STATE_2025]})
    )
    out = fetch("--year", "2025", "--scope", "state")
    assert [path for path, _ in bls.requests] == ["/oes/oesm25st.zip"]
    assert "1 new, 0 changed, 0 unchanged areas" in out


def test_metro_scope_reads_the_metropolitan_and_nonmetropolitan_workbooks_as_one(salary_data, bls):
    bls.replies["/oes/oesm25ma.zip"] = Reply(
        bls_zip(
            "oesm25ma",
            **{
                "MSA_M2025_dl.xlsx": [HEADER, METRO_2025],
                "BOS_M2025_dl.xlsx": [HEADER, NONMETRO_2025],
            },
        )
    )
    fetch("--year", "2025", "--scope", "metro", "--confirm")
    areas = OewsWage.objects.filter(release__slug="may-2025").values_list("area", "area_type")
    assert sorted(areas) == [("0100001", 6), ("35620", 4)]


def test_a_body_sent_in_chunks_is_read_whole(salary_data, bls):
    bls.replies[NATIONAL_PATH] = Reply(bls_zip(), chunked=True)
    assert "1 new, 0 changed" in fetch("--year", "2025")


# --- Refusals: the network ---------------------------------------------------------------


def test_403_says_bls_refused_it_and_to_check_the_user_agent(salary_data, bls):
    bls.replies[NATIONAL_PATH] = Reply(b"<html>Access Denied</html>", 403)
    message = refused("--year", "2025", match="BLS refused the download")
    assert "HTTP 403" in message and "OEWS_USER_AGENT" in message


def test_404_says_there_is_no_file_for_that_year_yet(salary_data, bls):
    message = refused("--year", "2025", match="There is no OEWS file for May 2025")
    assert "oesm25nat.zip" in message and "HTTP 404" in message and "not be out yet" in message


def test_other_http_errors_give_the_status(salary_data, bls):
    bls.replies[NATIONAL_PATH] = Reply(b"oops", 503)
    refused("--year", "2025", match=r"failed: HTTP 503 Service Unavailable\.$")


def test_a_server_that_does_not_answer_in_time_is_given_up(salary_data, bls, settings):
    settings.OEWS_TIMEOUT = 0.5
    bls.replies[NATIONAL_PATH] = Reply(bls_zip(), wait=5)
    started = time.monotonic()
    refused("--year", "2025", match=r"timed out after 0\.5 s \(OEWS_TIMEOUT\)")
    assert time.monotonic() - started < 3


def test_a_server_that_trickles_bytes_is_cut_off_at_the_timeout(salary_data, bls, settings):
    settings.OEWS_TIMEOUT = 0.5
    # Each byte comes well within the timeout; the whole file would take 30 s.
    bls.replies[NATIONAL_PATH] = Reply(b"x" * 300, trickle=0.1)
    started = time.monotonic()
    refused("--year", "2025", match="timed out after 0.5 s")
    assert time.monotonic() - started < 3


def test_nothing_listening_is_a_connection_error(salary_data, settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.OEWS_URL_TEMPLATE = f"http://127.0.0.1:{port}/oesm{{yy}}{{scope}}.zip"
    refused("--year", "2025", match=rf"^Could not download http://127.0.0.1:{port}/oesm25nat")


def test_a_declared_length_over_the_cap_is_refused_before_the_body_is_read(salary_data, bls):
    # Only the header says 60 MB (the body is a few bytes): the refusal comes from it.
    bls.replies[NATIONAL_PATH] = Reply(b"PK" * 10, length=60 * 1024 * 1024)
    refused("--year", "2025", match=r"is 60\.0 MB; downloads over 50 MB are refused\.$")


@pytest.mark.parametrize("framing", ["no length", "chunked"])
def test_a_body_over_the_cap_is_cut_off_while_streaming(salary_data, bls, settings, framing):
    settings.OEWS_MAX_DOWNLOAD_BYTES = 100_000
    body = bls_zip() + bytes(200_000)
    chunked = framing == "chunked"
    bls.replies[NATIONAL_PATH] = Reply(body, length=None, chunked=chunked)
    refused("--year", "2025", match="sent more than 100,000 bytes")


def test_the_download_cap_defaults_to_the_readers_50_mb(salary_data, bls):
    bls.replies[NATIONAL_PATH] = Reply(b"", length=50 * 1024 * 1024 + 1)
    refused("--year", "2025", match="downloads over 50 MB are refused")


# --- Refusals: the file ------------------------------------------------------------------


def test_a_web_page_instead_of_a_zip_is_refused(salary_data, bls):
    bls.replies[NATIONAL_PATH] = Reply(b"<!DOCTYPE html><title>Moved</title>")
    refused("--year", "2025", match="oesm25nat.zip is not a complete zip archive")


def test_a_truncated_zip_is_refused(salary_data, bls):
    bls.replies[NATIONAL_PATH] = Reply(bls_zip()[:-30])
    refused("--year", "2025", match="not a complete zip archive")


def test_a_zip_whose_workbook_is_damaged_is_refused(salary_data, bls):
    data = bytearray(bls_zip())
    # Spoil the compressed workbook just after its local header and name.
    start = data.index(b"national_M2025_dl.xlsx") + len("national_M2025_dl.xlsx")
    data[start + 10 : start + 60] = bytes(50)
    bls.replies[NATIONAL_PATH] = Reply(bytes(data))
    refused("--year", "2025", match="oesm25nat.zip is damaged: .*national_M2025_dl.xlsx")


def test_a_workbook_declared_over_50_mb_is_refused_before_it_is_unpacked(salary_data, bls):
    member = "oesm25nat/national_M2025_dl.xlsx"
    bls.replies[NATIONAL_PATH] = Reply(declare_size(bls_zip(), member, 60 * 1024 * 1024))
    refused("--year", "2025", match=f"holds {member} of 60 MB; workbooks over 50 MB are refused")


def test_a_zip_without_a_workbook_is_refused(salary_data, bls):
    bls.replies[NATIONAL_PATH] = Reply(
        zipped({"oesm25nat/readme.txt": b"nothing here", "oesm25nat/": b""})
    )
    refused("--year", "2025", match=r"oesm25nat.zip holds no OEWS workbook \(.xlsx or .csv\)")


def test_a_zip_with_only_old_excel_files_says_what_to_do(salary_data, bls):
    bls.replies[NATIONAL_PATH] = Reply(zipped({"oesm25nat/national_M2025_dl.xls": b"\xd0\xcf"}))
    refused("--year", "2025", match="only old Excel 97-2003 files.*import_oews")


def test_a_workbook_without_43_6013_is_refused(salary_data, bls):
    bls.replies[NATIONAL_PATH] = Reply(
        bls_zip(**{"national_M2025_dl.xlsx": [HEADER, OTHER_OCCUPATION]})
    )
    refused("--year", "2025", match="This file has no rows for SOC 43-6013")


def test_a_workbook_for_another_year_is_refused(salary_data, bls):
    bls.replies[NATIONAL_PATH] = Reply(
        bls_zip("oesm24nat", **{"national_M2024_dl.xlsx": [HEADER, NATIONAL_2025]})
    )
    message = refused("--year", "2025", match="which is for May 2024, not May 2025")
    assert "national_M2024_dl.xlsx" in message


def test_a_row_problem_names_the_workbook_it_is_in(salary_data, bls):
    bad = [*NONMETRO_2025[:10], "23.4O", *NONMETRO_2025[11:]]
    bls.replies["/oes/oesm25ma.zip"] = Reply(
        bls_zip(
            "oesm25ma",
            **{"MSA_M2025_dl.xlsx": [HEADER, METRO_2025], "BOS_M2025_dl.xlsx": [HEADER, bad]},
        )
    )
    before = stored()
    with pytest.raises(CommandError, match=r'BOS_M2025_dl.xlsx: Row 2, column H_MEDIAN: "23.4O"'):
        fetch("--year", "2025", "--scope", "metro", "--confirm")
    assert stored() == before


def test_an_address_that_is_not_http_is_refused(db, settings):
    settings.OEWS_URL_TEMPLATE = "file:///etc/oesm{yy}{scope}.zip"
    refused("--year", "2025", match="OEWS_URL_TEMPLATE must give an http or https address")


# --- The year ----------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["25", "1996", str(date.today().year + 1), "2O25", "20255"])
def test_year_must_be_four_digits_from_1997_to_this_year(db, bls, year):
    refused(
        "--year", year, match=f"--year must be a four-digit year from 1997 to {date.today().year}"
    )
    assert bls.requests == []


# The admin's Overdue figures screen offers the same fetch for the national file.


def test_the_overdue_screen_fetches_the_next_national_file_and_previews_it(
    admin_client, guide, bls
):
    bls.replies[NATIONAL_PATH] = Reply(bls_zip())
    screen = admin_client.get("/admin/salaries/source/overdue/").content.decode()
    # May 2022 is the newest OEWS edition on file and due since April 2024: its button
    # asks for May 2023 (the next survey); the test asks for 2025, as an editor may.
    assert 'action="/admin/salaries/oewsrelease/fetch/"' in screen
    assert 'name="year" value="2023"' in screen
    before = stored()
    preview = admin_client.post("/admin/salaries/oewsrelease/fetch/", {"year": "2025"})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Preview: OEWS May 2025" in html and 'name="token"' in html
    assert stored() == before  # nothing written before the confirm
    token = re.search(r'name="token" value="([0-9a-f]+)"', html).group(1)
    done = admin_client.post("/admin/salaries/oewsrelease/upload/confirm/", {"token": token})
    assert done.status_code == 302
    assert OewsWage.objects.get(release__slug="may-2025", area="99").a_median == 44_512


def test_the_overdue_screens_fetch_says_why_nothing_came_and_writes_nothing(
    admin_client, guide, bls
):
    before = stored()
    response = admin_client.post(
        "/admin/salaries/oewsrelease/fetch/", {"year": "2025"}, follow=True
    )
    assert response.status_code == 200
    assert "Nothing was fetched or written" in response.content.decode()
    assert stored() == before
    bad = admin_client.post("/admin/salaries/oewsrelease/fetch/", {"year": "20x5"}, follow=True)
    assert "Nothing was fetched or written" in bad.content.decode()


def test_the_fetch_needs_the_upload_permissions(client, guide, bls, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(*Permission.objects.filter(codename="view_source"))
    client.force_login(viewer)
    assert "oewsrelease/fetch" not in client.get("/admin/salaries/source/overdue/").content.decode()
    assert client.post("/admin/salaries/oewsrelease/fetch/", {"year": "2025"}).status_code == 403
    assert bls.requests == []
