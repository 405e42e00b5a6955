"""The bulk downloads are rewritten in the background: the publishing request never waits."""

import threading

from portal.api import export_hook
from portal.extensions import csrf, db
from portal.services.content import bump_content_version


def test_a_publishing_request_returns_before_the_background_export(app, client, monkeypatch):
    app.config["EXPORT_IN_BACKGROUND"] = True
    release, started = threading.Event(), threading.Event()
    real_refresh = export_hook.refresh_downloads

    def slow_refresh(force=False):
        started.set()
        assert release.wait(30)
        return real_refresh(force)

    monkeypatch.setattr(export_hook, "refresh_downloads", slow_refresh)

    @csrf.exempt
    @app.post("/test-publish")
    def publish():
        bump_content_version()
        db.session.commit()
        return "", 204

    with client.post("/test-publish") as response:
        assert response.status_code == 204
    assert started.wait(10)  # the export runs in its own thread while the request is done
    assert client.get("/api/v1/downloads").status_code == 503
    release.set()
    export_hook.wait_for_exports()
    assert client.get("/api/v1/downloads").status_code == 200


def test_refresh_skips_current_downloads_and_catches_up_stale_ones(app, client):
    first = export_hook.refresh_downloads()  # none yet: written
    assert first is not None
    assert export_hook.refresh_downloads() is None  # current: skipped
    bump_content_version()
    db.session.commit()
    manifest = export_hook.refresh_downloads()
    assert manifest["content_version"] == first["content_version"] + 1


def test_cron_skips_while_another_export_runs(app):
    from portal.api.exports import export_dir

    export_dir().mkdir(parents=True, exist_ok=True)
    with export_hook._export_lock(export_dir() / export_hook.LOCK_FILE, wait=True):
        assert export_hook.refresh_downloads(wait=False) is None
    assert export_hook.refresh_downloads(wait=False) is not None
