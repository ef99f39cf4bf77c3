"""Settings a deployment relies on, and what the app must never write to its log."""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import scoring
import settings
import storage
from storage.__main__ import main as storage_main
from tests.apptest_support import APP, REPO_ROOT, TIMEOUT, AppDb, app_for, new_trio
from ui import pages
from ui.forms import UPLOAD_LIMIT
from ui.warmup import warm_imports

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_streamlit_config_is_production_ready() -> None:
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["runner"]["postScriptGC"] is False
    assert config["server"]["fileWatcherType"] == "none"
    assert config["client"]["showErrorDetails"] == "none"
    # The file field's Dutch words (ui.forms) say the limit the server keeps.
    assert f"Hoogstens {config['server']['maxUploadSize']} MB" == UPLOAD_LIMIT


def test_no_secret_reaches_the_log(
    app_db: AppDb, model: scoring.Model, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG)
    # Rolwijzer's own loggers have a level of their own (ROLWIJZER_LOG_LEVEL): every record counts here.
    monkeypatch.setenv("ROLWIJZER_LOG_LEVEL", "DEBUG")
    for name in settings.APP_LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    trio = new_trio(app_db)
    werkplaats = storage.get_werkplaats(app_db.engine, trio.werkplaats_id)
    assert werkplaats is not None
    member = storage.create_member(app_db.engine, trio_id=trio.id, role="wijkambtenaar")

    at = app_for(member.token, pages.QUESTIONNAIRE.path).run()
    at.segmented_control(key=f"answer_nu_{model.questions[0].id}").set_value(3).run()
    at = app_for(member.token, pages.RESULTS.path).run()
    start = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    start.text_input(key="join_code").input(werkplaats.join_code)
    start.button(key="FormSubmitter:code_form-Verder").click().run()
    facilitator = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    facilitator.switch_page(pages.GATE.path).run()
    facilitator.text_input(key="gate_passcode").input("juiste-code-123")
    facilitator.button(key="FormSubmitter:gate_form-Aanmelden").click().run()
    assert not facilitator.exception

    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in (member.token, "juiste-code-123", werkplaats.join_code, trio.code):
        assert secret not in logged
    # Records carry no secrets in their repr either (tokens are left out of dataclass reprs).
    assert member.token not in repr(member)


@pytest.fixture
def app_log_levels() -> Iterator[None]:
    """Put the levels of Rolwijzer's loggers back after a test that configures logging."""
    levels = {name: logging.getLogger(name).level for name in settings.APP_LOGGERS}
    yield
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


@pytest.mark.usefixtures("app_log_levels")
def test_the_log_level_setting_is_honoured(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    log = logging.getLogger("ui.answers")
    monkeypatch.setenv("ROLWIJZER_LOG_LEVEL", "warning")
    assert settings.configure_logging() == logging.WARNING
    log.info("een gewone melding")
    log.warning("een waarschuwing")
    logged = capsys.readouterr().err
    assert "een waarschuwing" in logged and "een gewone melding" not in logged

    monkeypatch.setenv("ROLWIJZER_LOG_LEVEL", "DEBUG")
    settings.configure_logging()
    settings.configure_logging()  # again: still one line per record
    log.debug("een detail")
    assert capsys.readouterr().err.count("een detail") == 1
    # Libraries keep their own level: SQLAlchemy does not start logging every statement.
    assert not logging.getLogger("sqlalchemy.engine").isEnabledFor(logging.INFO)


@pytest.mark.usefixtures("app_log_levels")
def test_an_unknown_log_level_means_info_and_says_so(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("ROLWIJZER_LOG_LEVEL", "praatgraag")
    assert settings.configure_logging() == logging.INFO
    assert logging.getLogger("rolwijzer.gate").getEffectiveLevel() == logging.INFO
    assert "ROLWIJZER_LOG_LEVEL is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL" in caplog.text


@pytest.mark.usefixtures("app_log_levels")
def test_the_app_and_the_cli_configure_logging_at_start(
    app_db: AppDb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROLWIJZER_LOG_LEVEL", "ERROR")
    warm_imports.clear()  # the app's once-per-process start, run again
    assert not AppTest.from_file(APP, default_timeout=TIMEOUT).run().exception
    assert logging.getLogger("ui").level == logging.ERROR

    monkeypatch.setenv("ROLWIJZER_LOG_LEVEL", "WARNING")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert storage_main(["init"]) == 0
    assert logging.getLogger("storage").level == logging.WARNING
