"""The example nginx configuration is valid (`nginx -t`)."""

import shutil
import subprocess
from pathlib import Path

import pytest

from portal.config import PROJECT_ROOT

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
MAIN = """
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log off;
    include portal.conf;
}}
"""


@pytest.mark.skipif(NGINX is None, reason="nginx is not installed (.ci/run installs nginx-light)")
def test_example_nginx_config_passes_nginx_t(tmp_path):
    for name in ("portal.conf", "portal_proxy_params"):
        shutil.copy(PROJECT_ROOT / "deploy" / "nginx" / name, tmp_path / name)
    certificate, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         "/CN=localhost", "-keyout", str(key), "-out", str(certificate)],
        check=True, capture_output=True,
    )  # fmt: skip
    conf = (tmp_path / "portal.conf").read_text()
    conf = conf.replace("/etc/ssl/portal/fullchain.pem", str(certificate))
    conf = conf.replace("/etc/ssl/portal/privkey.pem", str(key))
    (tmp_path / "portal.conf").write_text(conf)
    (tmp_path / "nginx.conf").write_text(MAIN.format(folder=tmp_path))
    result = subprocess.run(
        [NGINX, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
