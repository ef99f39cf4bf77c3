"""A browser stand-in: one tab speaking Streamlit's own protocol (protobuf ``BackMsg`` / ``ForwardMsg``)
over ``/_stcore/stream``, and what the benchmarks do with it (open the wall, read its points).

Everything talks to 127.0.0.1 only, and every wait is bounded in time.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bench.server import PASSCODE

DONT_KNOW_LABEL = "Weet ik niet"  # the segmented control's label for "?" (option_label in vragenlijst.py)

FINISHED = 0  # ForwardMsg.FINISHED_SUCCESSFULLY
FINISHED_COMPILE_ERROR = 1
FINISHED_EARLY_FOR_RERUN = 2
FINISHED_FRAGMENT = 3


def user_key(element_id: str) -> str | None:
    """The widget key inside an element id: ``$$ID-<hash>-<user key>`` (streamlit.runtime.state.common)."""
    if not element_id.startswith("$$ID-"):
        return None
    key = element_id.split("-", 2)[-1]
    return None if key == "None" else key


@dataclass
class RunResult:
    elapsed: float
    status: int | None  # None: timed out or disconnected
    errors: list[str] = field(default_factory=list)
    messages: int = 0

    @property
    def ok(self) -> bool:
        return self.status in (FINISHED, FINISHED_FRAGMENT) and not self.errors


class StreamlitClient:
    """One browser tab, over ``/_stcore/stream``.

    Keeps what the frontend keeps: the current page, the query string, the value of every widget on the
    page (from the element protos: ``default``/``value``/``raw_values`` and ``set_value``), and the
    fragments that asked for an auto-rerun. Every rerun sends the full widget state, like the browser.
    """

    def __init__(
        self, ws_url: str, *, name: str = "client", run_timeout: float = 60.0, headers: Mapping[str, str] | None = None
    ) -> None:
        self.ws_url = ws_url
        self.headers = dict(headers or {})  # sent with the websocket handshake (a route cookie, X-Forwarded-For)
        self.origin = ws_url.replace("ws://", "http://").split("/_stcore")[0]
        self.name = name
        self.run_timeout = run_timeout
        self.ws: Any = None
        self.query_string = ""
        self.page_script_hash = ""
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.widgets: dict[str, Any] = {}  # element id -> WidgetState (persistent value)
        self.widget_kinds: dict[str, str] = {}  # element id -> element type (also buttons)
        self.widgets_seen_this_run: set[str] = set()
        self.charts: dict[str, str] = {}  # user key -> plotly spec (JSON) of the last run that drew it
        self.auto_rerun: dict[str, float] = {}  # fragment id -> interval
        self.errors: list[str] = []  # every error seen on this connection
        self.alerts: list[tuple[str, str]] = []  # (format, body) of warnings and errors drawn
        self.disconnected = False
        self.messages = 0
        self._finished: asyncio.Queue[tuple[int | None, float]] = asyncio.Queue()
        self._reader: asyncio.Task[None] | None = None
        self._run_errors: list[str] = []
        self._lock = asyncio.Lock()

    # -- connection --

    async def connect(self, timeout: float = 30.0) -> None:
        import websockets

        self.ws = await websockets.connect(
            self.ws_url, subprotocols=["streamlit"], origin=self.origin, max_size=None,
            open_timeout=timeout, ping_interval=None, close_timeout=2, additional_headers=self.headers,
        )
        self._reader = asyncio.create_task(self._read(), name=f"reader-{self.name}")

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader

    async def _read(self) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        try:
            async for data in self.ws:
                msg = ForwardMsg()
                msg.ParseFromString(data)
                self.messages += 1
                self._handle(msg)
        except Exception as exc:
            if not isinstance(exc, asyncio.CancelledError):
                self._error(f"connection: {type(exc).__name__}: {exc}")
        finally:
            if not self.disconnected:
                self.disconnected = True
                self._finished.put_nowait((None, time.perf_counter()))

    def _error(self, text: str) -> None:
        self.errors.append(text)
        self._run_errors.append(text)

    def _handle(self, msg: Any) -> None:
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.page_script_hash = msg.new_session.page_script_hash
            for page in msg.new_session.app_pages:
                self.pages[page.url_pathname] = page.page_script_hash
            if not msg.metadata.run.fragment_ids:
                self.widgets_seen_this_run = set()
        elif kind == "navigation":
            for page in msg.navigation.app_pages:
                self.pages[page.url_pathname] = page.page_script_hash
            if msg.navigation.page_script_hash:
                self.page_script_hash = msg.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "delta":
            self._handle_delta(msg.delta)
        elif kind == "auto_rerun":
            self.auto_rerun[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
        elif kind == "stop_auto_rerun":
            for fragment_id in msg.stop_auto_rerun.fragment_ids:
                self.auto_rerun.pop(fragment_id, None)
        elif kind == "page_not_found":
            self._error(f"page not found: {msg.page_not_found.page_name}")
        elif kind == "session_event":
            event = msg.session_event.WhichOneof("type")
            if event == "script_compilation_exception":
                self._error(f"compile error: {msg.session_event.script_compilation_exception.message}")
        elif kind == "ref_hash":
            self._error("received a cached-message reference (ref_hash) although no cache was announced")
        elif kind == "script_finished":
            status = int(msg.script_finished)
            if status == FINISHED:  # a full run: the frontend drops widgets that were not drawn
                for element_id in list(self.widgets):
                    if element_id not in self.widgets_seen_this_run:
                        del self.widgets[element_id]
            if status != FINISHED_EARLY_FOR_RERUN:
                self._finished.put_nowait((status, time.perf_counter()))

    def _handle_delta(self, delta: Any) -> None:
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        etype = element.WhichOneof("type")
        if etype == "exception":
            self._error(f"exception: {element.exception.type}: {element.exception.message}")
            return
        if etype == "alert":
            fmt = {1: "error", 2: "warning", 3: "info", 4: "success"}.get(element.alert.format, str(element.alert.format))
            self.alerts.append((fmt, element.alert.body))
            if fmt == "error":
                self._error(f"st.error: {element.alert.body[:200]}")
            return
        proto = getattr(element, etype)
        element_id = getattr(proto, "id", "") if etype != "plotly_chart" else proto.id
        if etype == "plotly_chart":
            key = user_key(proto.id)
            if key:
                self.charts[key] = proto.spec
            return
        if not element_id:
            return
        self.widget_kinds[element_id] = etype
        self.widgets_seen_this_run.add(element_id)
        known = element_id in self.widgets
        state = WidgetState(id=element_id)
        if etype == "button_group":
            if known and not proto.set_value:
                return
            values = list(proto.raw_values) if proto.set_value else [proto.options[i].content for i in proto.default]
            state.string_array_value.data[:] = values
        elif etype == "checkbox":
            if known and not proto.set_value:
                return
            state.bool_value = proto.value if proto.set_value else proto.default
        elif etype in ("text_input", "text_area"):
            if known and not proto.set_value:
                return
            state.string_value = proto.value if proto.set_value else proto.default
        elif etype == "selectbox":
            if known and not proto.set_value:
                return
            if proto.set_value:
                state.string_value = proto.raw_value
            elif 0 <= proto.default < len(proto.options):
                state.string_value = proto.options[proto.default]
            else:
                return
        else:  # buttons (trigger values) and elements we do not drive: nothing persistent to send
            return
        self.widgets[element_id] = state

    # -- lookups --

    def widget_id(self, key: str) -> str:
        for element_id in self.widget_kinds:
            if user_key(element_id) == key:
                return element_id
        raise KeyError(f"{self.name}: no widget with key {key!r} on the page")

    def widget_ids_with_prefix(self, prefix: str) -> dict[str, str]:
        """user key -> element id for every current widget whose key starts with ``prefix``."""
        found = {}
        for element_id in self.widgets:
            key = user_key(element_id)
            if key and key.startswith(prefix):
                found[key] = element_id
        return found

    def chart(self, key: str) -> dict[str, Any]:
        return json.loads(self.charts[key])  # type: ignore[no-any-return]

    # -- running --

    def _drain(self) -> None:
        while not self._finished.empty():
            self._finished.get_nowait()

    async def rerun(
        self,
        *,
        page_name: str | None = None,
        query_string: str | None = None,
        set_values: dict[str, Any] | None = None,
        triggers: Sequence[str] = (),
        fragment_id: str | None = None,
        is_auto_rerun: bool = False,
        timeout: float | None = None,
    ) -> RunResult:
        """Send ``rerun_script`` and wait for the run's ``script_finished``.

        ``page_name``: open that page (as a URL path; page_script_hash is then empty, like a first load).
        Otherwise the current page's hash is sent, as the browser does for a widget change.
        ``set_values``: element id -> WidgetState with the new value (also kept for later reruns).
        ``triggers``: element ids of buttons clicked (sent once).
        """
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        async with self._lock:
            if self.disconnected:
                return RunResult(0.0, None, ["disconnected before send"])
            for element_id, state in (set_values or {}).items():
                self.widgets[element_id] = state
            msg = BackMsg()
            rerun = msg.rerun_script
            if query_string is not None:
                self.query_string = query_string
            rerun.query_string = self.query_string
            if page_name is not None:
                rerun.page_name = page_name
                rerun.page_script_hash = ""
            else:
                rerun.page_script_hash = self.page_script_hash
            if fragment_id:
                rerun.fragment_id = fragment_id
                rerun.is_auto_rerun = is_auto_rerun
            states = [state for element_id, state in self.widgets.items()]
            for element_id in triggers:
                states.append(WidgetState(id=element_id, trigger_value=True))
            rerun.widget_states.widgets.extend(states)
            rerun.context_info.url = f"{self.origin}/{page_name or ''}" + (
                f"?{self.query_string}" if self.query_string else ""
            )
            rerun.context_info.timezone = "Europe/Amsterdam"
            rerun.context_info.locale = "nl-NL"
            self._drain()
            self._run_errors = []
            before = self.messages
            started = time.perf_counter()
            try:
                await self.ws.send(msg.SerializeToString())
            except Exception as exc:
                self._error(f"send: {type(exc).__name__}: {exc}")
                return RunResult(0.0, None, list(self._run_errors))
            try:
                status, at = await asyncio.wait_for(self._finished.get(), timeout or self.run_timeout)
            except TimeoutError:
                self._error(f"timeout after {timeout or self.run_timeout:.0f} s")
                return RunResult(time.perf_counter() - started, None, list(self._run_errors), self.messages - before)
            if status == FINISHED_COMPILE_ERROR:
                self._error("script finished with a compile error")
            return RunResult(at - started, status, list(self._run_errors), self.messages - before)


def button_group_value(element_id: str, label: str | None) -> Any:
    """The WidgetState a segmented control sends for a click on ``label`` (None: deselect)."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    state = WidgetState(id=element_id)
    state.string_array_value.data[:] = [] if label is None else [label]
    return state


def bool_value(element_id: str, value: bool) -> Any:
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    return WidgetState(id=element_id, bool_value=value)


def string_value(element_id: str, value: str) -> Any:
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    return WidgetState(id=element_id, string_value=value)


async def facilitator_open_wall(client: StreamlitClient, passcode: str = PASSCODE) -> list[RunResult]:
    """Log in on page ``begeleider`` (form + submit button), open the newest werkplaats on ``muur``.

    Returns the runs it took; raises when the wall did not appear.
    """
    runs = [await client.rerun(page_name="begeleider", query_string="")]
    passcode_id = client.widget_id("gate_passcode")
    submit_id = next(i for i, kind in client.widget_kinds.items() if kind == "button" and "gate_form" in (user_key(i) or ""))
    runs.append(await client.rerun(set_values={passcode_id: string_value(passcode_id, passcode)}, triggers=[submit_id]))
    # The gate's form clears on submit; the browser does not keep the typed passcode.
    client.widgets.pop(passcode_id, None)
    runs.append(await client.rerun(page_name="muur"))
    if "wall_quadrant" not in client.charts:
        open_id = client.widget_id("fac_pick_open")  # the picker: the newest werkplaats is preselected
        runs.append(await client.rerun(triggers=[open_id]))
    if "wall_quadrant" not in client.charts or not client.auto_rerun:
        raise RuntimeError(f"the wall did not open: errors={client.errors} alerts={client.alerts[-3:]}")
    return runs


def _plotly_array(value: Any) -> list[Any]:
    """A plotly JSON array: a list, or a typed array ``{"dtype": ..., "bdata": base64}``."""
    if isinstance(value, dict) and "bdata" in value:
        import base64

        import numpy as np

        return list(np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"])).tolist())
    return list(value or [])


def wall_points(spec: dict[str, Any], frame: str = "nu") -> dict[str, tuple[float, float]]:
    """label -> (x, y) of the wall figure's nu or gewenst trace."""
    for trace in spec.get("data", []):
        meta = trace.get("meta") or {}
        if isinstance(meta, dict) and meta.get("kind") == "wall" and meta.get("frame") == frame:
            xs, ys, labels = _plotly_array(trace.get("x")), _plotly_array(trace.get("y")), trace.get("text") or []
            return {str(t): (float(x), float(y)) for t, x, y in zip(labels, xs, ys, strict=True)}
    return {}
