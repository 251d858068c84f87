"""The preview answers only its own host names: a web page that points its own DNS name at
127.0.0.1 (DNS rebinding) gets a refusal, never a draft. IP addresses are always answered."""
from __future__ import annotations

import http.client
import ipaddress
import socket
from pathlib import Path

import pytest
import test_reliability

from conftest import dev_server, site_app, write_site

secret_site = test_reliability.secret_site  # (a fixture: pytest finds it by this name)
raw_get = test_reliability.raw_get

DRAFT = "---\ntitle: Plans\ndate: 2024-01-01\ndraft: true\n---\nSecret narwhal plans.\n"
PAGES = ["/", "/posts/plans/", "/posts/bundle/p.png", "/site.toml", "/__reload__/",
         "/no-such-page/"]
OTHER_NAMES = ["evil.example", "evil.example:5000", "localhost.evil.example",
               "127.0.0.1.nip.io", "localhost:5000.evil.example", "localhost.", "LOCALHOST.evil"]
OWN_NAMES = ["localhost", "localhost:5000", "LocalHost:80", "127.0.0.1", "127.0.0.1:8000",
             "[::1]:5000", "[::1]", "10.0.0.7:5000", "[2001:db8::1]:443"]


@pytest.fixture
def draft_site(secret_site: Path) -> Path:
    """``secret_site`` (a secret in site.toml, a bundle image) with a draft post."""
    return write_site(secret_site, {"content/posts/plans.md": DRAFT}, config=None)


def is_ip_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def get_as(port: int, host: str, path: str) -> tuple[int, str, bytes]:
    """GET ``path`` from the dev server with ``Host: host``; (status, type, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host)
    connection.endheaders()
    response = connection.getresponse()
    return response.status, response.getheader("Content-Type", ""), response.read()


def assert_refused(status: int, mimetype: str, body: bytes) -> None:
    """A short plain-text refusal that names the preview's host names and ``--host``."""
    assert status == 403
    assert mimetype.startswith("text/plain")
    assert b"localhost" in body and b"--host NAME" in body
    assert b"narwhal" not in body and b"walrus" not in body and b"PNG" not in body


def test_other_host_names_are_refused_with_test_client(draft_site: Path) -> None:
    client = site_app.create_app(draft_site, preview=True).test_client()
    for host in OTHER_NAMES:
        for path in PAGES:
            response = client.get(path, headers={"Host": host})
            assert_refused(response.status_code, response.mimetype or "", response.get_data())
    for host in OWN_NAMES:
        response = client.get("/posts/plans/", headers={"Host": host})
        assert response.status_code == 200, host
        assert b"narwhal" in response.get_data()
    assert client.get("/posts/plans/").status_code == 200  # (the test client's own Host)


def test_the_name_given_to_host_is_answered(draft_site: Path) -> None:
    app = site_app.create_app(draft_site, preview=True)
    app.config["PREVIEW_BOUND_HOST"] = "preview.lan"
    client = app.test_client()
    assert client.get("/posts/plans/", headers={"Host": "preview.lan:5000"}).status_code == 200
    assert client.get("/posts/plans/", headers={"Host": "evil.example"}).status_code == 403


def test_on_all_interfaces_the_machines_own_name_is_answered(draft_site: Path) -> None:
    hostname = socket.gethostname()
    if hostname.lower() == "localhost" or is_ip_address(hostname):
        pytest.skip("this machine's name is no other name than localhost")
    app = site_app.create_app(draft_site, preview=True)
    client = app.test_client()
    assert client.get("/", headers={"Host": f"{hostname}:5000"}).status_code == 403
    for bound_host in ("0.0.0.0", "::"):
        app.config["PREVIEW_BOUND_HOST"] = bound_host
        for host in (hostname, f"{hostname}:5000", socket.getfqdn()):
            response = client.get("/posts/plans/", headers={"Host": host})
            assert response.status_code == 200 and b"narwhal" in response.get_data(), host
        assert client.get("/", headers={"Host": "evil.example"}).status_code == 403


def test_dev_server_refuses_other_host_names(draft_site: Path) -> None:
    with dev_server(draft_site) as port:
        for host in ("evil.example", f"evil.example:{port}", "localhost.evil.example"):
            for path in PAGES:
                assert_refused(*get_as(port, host, path))
        for host in (f"localhost:{port}", f"127.0.0.1:{port}", "localhost"):
            status, _, body = get_as(port, host, "/posts/plans/")
            assert status == 200 and b"narwhal" in body, host
        assert raw_get(port, "/posts/bundle/p.png")[0] == 200  # (Host: 127.0.0.1)
