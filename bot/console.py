"""The interactive console: read questions, print quoted answers; also works with a pipe on stdin."""

from __future__ import annotations

from typing import TextIO

from bot.render import help_text, render_sources, render_text
from retrieval.service import QAService

COMMANDS = (
    ("/help", "show this help"),
    ("/sources", "list the articles Quotebot quotes from"),
    ("/quit", "leave the console (end of input does too)"),
)
PROMPT = "quotebot> "


def run_console(service: QAService, stdin: TextIO, stdout: TextIO, interactive: bool) -> int:
    """Answer questions line by line until /quit or end of input."""
    if interactive:
        stdout.write("Ask a question about the articles; /help for commands.\n")
    while True:
        if interactive:
            stdout.write(PROMPT)
            stdout.flush()
        line = stdin.readline()
        if not line:
            if interactive:
                stdout.write("\n")
            return 0
        text = line.strip()
        if not text:
            continue
        if text in {"/quit", "/exit"}:
            return 0
        if text == "/help":
            reply = help_text(COMMANDS)
        elif text == "/sources":
            reply = render_sources(service.library.articles.values())
        elif text.startswith("/"):
            reply = f"Unknown command {text.split()[0]}; /help lists the commands."
        else:
            reply = render_text(service.answer(text))
        stdout.write(reply + "\n\n")
        stdout.flush()
