"""The fake Bot API is as strict as Telegram, and its updates, records and faults work, in-process and standalone."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.support.fake_bot_api import FakeBotApi

ROOT = Path(__file__).resolve().parent.parent


def call(api: FakeBotApi, method: str, **params: object) -> httpx.Response:
    data = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    return httpx.post(f"{api.base_url}{api.token}/{method}", data=data, timeout=5)


def test_get_me_answers_with_the_bot(api: FakeBotApi) -> None:
    body = call(api, "getMe").json()
    assert body["ok"] is True
    assert body["result"]["is_bot"] is True


@pytest.mark.parametrize(
    ("params", "description"),
    [
        pytest.param({"text": "<p>x</p>", "parse_mode": "HTML"}, "can't parse entities", id="unknown-tag"),
        pytest.param({"text": "<b>x", "parse_mode": "HTML"}, "can't parse entities", id="unbalanced"),
        pytest.param({"text": "Q&A", "parse_mode": "HTML"}, "can't parse entities", id="bad-entity"),
        pytest.param({"text": "x" * 4097}, "message is too long", id="too-long"),
        pytest.param({"text": "<b>" + "x" * 4097 + "</b>", "parse_mode": "HTML"}, "too long", id="too-long-parsed"),
        pytest.param({"text": "   "}, "message text is empty", id="blank"),
        pytest.param({"text": "<b> </b>", "parse_mode": "HTML"}, "message text is empty", id="blank-parsed"),
    ],
)
def test_send_message_rejects_like_telegram(api: FakeBotApi, params: dict[str, str], description: str) -> None:
    api.push_text("hi", user_id=5)
    response = call(api, "sendMessage", chat_id=5, **params)
    body = response.json()
    assert response.status_code == 400
    assert body["ok"] is False
    assert body["error_code"] == 400
    assert body["description"].startswith("Bad Request: ")
    assert description in body["description"]


def test_send_message_counts_text_after_entity_parsing(api: FakeBotApi) -> None:
    api.push_text("hi", user_id=5)
    text = "<b>" + "&amp;" * 4096 + "</b>"  # 20k characters of HTML, 4096 after parsing
    assert call(api, "sendMessage", chat_id=5, text=text, parse_mode="HTML").status_code == 200


def test_send_message_needs_a_known_chat_and_reply_target(api: FakeBotApi) -> None:
    assert "chat not found" in call(api, "sendMessage", chat_id=77, text="x").json()["description"]
    api.push_text("hi", user_id=5)
    missing = call(api, "sendMessage", chat_id=5, text="x", reply_parameters={"message_id": 99})
    assert "message to be replied not found" in missing.json()["description"]
    lenient = {"message_id": 99, "allow_sending_without_reply": True}
    assert call(api, "sendMessage", chat_id=5, text="x", reply_parameters=lenient).status_code == 200


@pytest.mark.parametrize(
    ("path", "status", "description"),
    [
        pytest.param("{token}/noSuchMethod", 404, "Not Found", id="unknown-method"),
        pytest.param("123456:wrong-token-wrong-token-wrong-token/getMe", 401, "Unauthorized", id="wrong-token"),
    ],
)
def test_errors_have_telegrams_shape(api: FakeBotApi, path: str, status: int, description: str) -> None:
    response = httpx.post(f"{api.base_url}{path.format(token=api.token)}", timeout=5)
    assert response.status_code == status
    assert response.json() == {"ok": False, "error_code": status, "description": description}


def test_get_updates_confirms_by_offset_and_long_polls(api: FakeBotApi) -> None:
    first = api.push_text("one")["message_id"]
    api.push_text("two")
    updates = call(api, "getUpdates").json()["result"]
    assert [u["message"]["text"] for u in updates] == ["one", "two"]
    assert updates[0]["message"]["message_id"] == first
    again = call(api, "getUpdates", offset=updates[1]["update_id"]).json()["result"]
    assert [u["message"]["text"] for u in again] == ["two"]
    started = time.monotonic()
    assert call(api, "getUpdates", offset=updates[1]["update_id"] + 1, timeout=10).json()["result"] == []
    assert 0.25 <= time.monotonic() - started < 2  # held for max_poll_wait, not the asked 10 s


def test_get_updates_conflicts_with_a_webhook(api: FakeBotApi) -> None:
    assert call(api, "setWebhook", url="https://example.org/hook", secret_token="abc").json()["result"] is True
    response = call(api, "getUpdates")
    assert response.status_code == 409
    assert response.json()["description"].startswith("Conflict:")


def test_commands_are_validated_and_stored(api: FakeBotApi) -> None:
    assert call(api, "setMyCommands", commands=[{"command": "Bad-Name", "description": "x"}]).status_code == 400
    commands = [{"command": "ask", "description": "ask a question"}]
    assert call(api, "setMyCommands", commands=commands).status_code == 200
    assert call(api, "getMyCommands").json()["result"] == commands


def test_inline_answers_are_checked(api: FakeBotApi) -> None:
    query_id = api.push_inline_query("taiwan")
    html = {"message_text": "<x>", "parse_mode": "HTML"}
    bad = [{"type": "article", "id": "1", "title": "t", "input_message_content": html}]
    assert "can't parse entities" in call(api, "answerInlineQuery", inline_query_id=query_id, results=bad).text
    good = [{"type": "article", "id": "1", "title": "t", "input_message_content": {"message_text": "ok"}}]
    assert call(api, "answerInlineQuery", inline_query_id=query_id, results=good).status_code == 200
    assert call(api, "answerInlineQuery", inline_query_id=query_id, results=good).status_code == 400  # answered


@pytest.mark.parametrize(
    ("button", "status"),
    [
        pytest.param({"text": "Too long", "start_parameter": "help"}, 200, id="start-parameter"),
        pytest.param({"text": " ", "start_parameter": "help"}, 400, id="empty-text"),
        pytest.param({"text": "x"}, 400, id="no-target"),
        pytest.param({"text": "x", "start_parameter": "no spaces"}, 400, id="bad-parameter"),
    ],
)
def test_inline_results_buttons_are_checked(api: FakeBotApi, button: dict[str, str], status: int) -> None:
    query_id = api.push_inline_query("taiwan")
    assert call(api, "answerInlineQuery", inline_query_id=query_id, results=[], button=button).status_code == status


def test_faults_fail_then_recover(api: FakeBotApi) -> None:
    api.fail_next(2, methods=["getMe"])
    api.rate_limit_next(1, retry_after=3, methods=["getMe"])
    statuses = [call(api, "getMe").status_code for _ in range(4)]
    assert statuses == [500, 500, 429, 200]
    limited = api.calls("getMe")[2]
    assert limited.status == 429
    assert call(api, "getMe").status_code == 200
    api.rate_limit_next(1, retry_after=3)
    assert call(api, "getMe").json() == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 3",
        "parameters": {"retry_after": 3},
    }


def test_a_lost_answer_is_carried_out_but_never_answered(api: FakeBotApi) -> None:
    api.push_text("hi", user_id=5)
    api.lose_answer_next(1, methods=["sendMessage"])
    with pytest.raises(httpx.RemoteProtocolError):
        call(api, "sendMessage", chat_id=5, text="one")
    assert call(api, "sendMessage", chat_id=5, text="two").status_code == 200
    assert api.sent_texts(5) == ["one", "two"]


def test_delay_holds_the_answer(api: FakeBotApi) -> None:
    api.delay_next(1, seconds=0.3)
    started = time.monotonic()
    assert call(api, "getMe").status_code == 200
    assert time.monotonic() - started >= 0.3


def test_refusing_connections_then_listening_again(api: FakeBotApi) -> None:
    api.refuse_connections(0.4)
    with pytest.raises(httpx.ConnectError):
        call(api, "getMe")
    time.sleep(0.6)
    assert call(api, "getMe").status_code == 200


def test_calls_are_recorded_with_their_parameters(api: FakeBotApi) -> None:
    api.push_text("hi", user_id=5)
    call(api, "sendMessage", chat_id=5, text="hello", link_preview_options={"is_disabled": True})
    [sent] = api.wait_for("sendMessage")
    assert sent.params == {"chat_id": 5, "text": "hello", "link_preview_options": {"is_disabled": True}}
    assert api.sent_texts(5) == ["hello"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_standalone_process_with_control_endpoint() -> None:
    port = free_port()
    with subprocess.Popen(
        [sys.executable, "-m", "tests.support.fake_bot_api", "--port", str(port), "--max-poll-wait", "0.2"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None
            info = json.loads(process.stdout.readline())
            base = f"{info['base_url']}{info['token']}"
            control = info["control_url"]
            pushed = httpx.post(f"{control}/updates", json={"kind": "text", "text": "hello", "user_id": 9}, timeout=5)
            assert pushed.json()["result"]["text"] == "hello"
            updates = httpx.post(f"{base}/getUpdates", timeout=5).json()["result"]
            assert updates[0]["message"]["chat"]["id"] == 9
            httpx.post(f"{control}/faults", json={"kind": "status", "count": 1, "status": 502}, timeout=5)
            assert httpx.post(f"{base}/getMe", timeout=5).status_code == 502
            calls = httpx.get(f"{control}/calls", params={"method": "getUpdates"}, timeout=5).json()["calls"]
            assert [c["status"] for c in calls] == [200]
        finally:
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=10) == 0
