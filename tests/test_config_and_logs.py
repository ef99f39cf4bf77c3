"""Settings a deployment relies on, and what the app must never write to its log."""

from __future__ import annotations

import logging
import tomllib

import pytest
from streamlit.testing.v1 import AppTest

import scoring
import storage
from tests.apptest_support import APP, REPO_ROOT, TIMEOUT, AppDb, app_for, new_trio
from ui import pages

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_streamlit_config_is_production_ready() -> None:
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["runner"]["postScriptGC"] is False
    assert config["server"]["fileWatcherType"] == "none"
    assert config["client"]["showErrorDetails"] == "none"


def test_no_secret_reaches_the_log(app_db: AppDb, model: scoring.Model, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
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
