"""A local OpenAI-compatible chat completions server for the LLM enhancer's tests.

Each endpoint (`/<name>/v1/chat/completions`, e.g. `groq`, `openai`) answers from its own script:
queued replies first, then its default. Replies can be a good answer, garbage, an error status,
or slow; every request is kept so tests can assert what was (or was not) asked.
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from talentkit.testing.plugin import serving_http


@dataclass(frozen=True)
class Reply:
    """One scripted answer."""

    content: str | None = None
    status: int = 200
    delay: float = 0.0
    prompt_tokens: int | None = 300
    completion_tokens: int | None = 120
    headers: dict[str, str] = field(default_factory=dict)
    raw: str | None = None  # a body that is not a chat completion at all

    @classmethod
    def profile(cls, data: dict[str, Any], **options: Any) -> Reply:
        """A chat completion whose content is `data` as JSON."""
        return cls(content=json.dumps(data), **options)

    @classmethod
    def failure(cls, status: int, *, retry_after: float | None = None) -> Reply:
        """An error status (429, 503, 401, ...), optionally with Retry-After."""
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        return cls(status=status, headers=headers)


@dataclass
class Endpoint:
    """The script and the request log of one provider endpoint."""

    default: Reply = field(default_factory=lambda: Reply.failure(503))
    queued: deque[Reply] = field(default_factory=deque)
    requests: list[dict[str, Any]] = field(default_factory=list)

    def then(self, *replies: Reply) -> Endpoint:
        """Answer the next requests with `replies`, in order."""
        self.queued.extend(replies)
        return self

    def always(self, reply: Reply) -> Endpoint:
        """Answer with `reply` once the queue is empty."""
        self.default = reply
        return self

    def reset(self) -> None:
        """Forget the script and the requests."""
        self.default = Reply.failure(503)
        self.queued.clear()
        self.requests.clear()

    def user_message(self, index: int = -1) -> str:
        """The last user message of a request (the one carrying the resume)."""
        messages = self.requests[index]["messages"]
        return str(next(m["content"] for m in reversed(messages) if m["role"] == "user"))


@dataclass
class FakeLlmServer:
    """The server's endpoints by name and, once started, its base URL."""

    endpoints: dict[str, Endpoint] = field(default_factory=dict)
    url: str = ""

    def endpoint(self, name: str) -> Endpoint:
        """The endpoint `name`, created on first use."""
        return self.endpoints.setdefault(name, Endpoint())

    def base_url(self, name: str) -> str:
        """What to configure as the provider's base URL."""
        self.endpoint(name)
        return f"{self.url}/{name}/v1"

    def reset(self) -> None:
        """Reset every endpoint."""
        for endpoint in self.endpoints.values():
            endpoint.reset()


def create_fake_llm_app(server: FakeLlmServer) -> FastAPI:
    """The ASGI app answering every endpoint of `server`."""
    app = FastAPI()

    @app.post("/{name}/v1/chat/completions")
    async def chat_completions(name: str, request: Request) -> Response:
        endpoint = server.endpoint(name)
        body = await request.json()
        endpoint.requests.append({**body, "authorization": request.headers.get("authorization")})
        reply = endpoint.queued.popleft() if endpoint.queued else endpoint.default
        if reply.delay:
            await asyncio.sleep(reply.delay)
        if reply.status != 200:
            return JSONResponse(
                {"error": {"message": "scripted failure"}}, status_code=reply.status, headers=reply.headers
            )
        if reply.raw is not None:
            return Response(reply.raw, media_type="application/json")
        completion: dict[str, Any] = {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "model": body.get("model"),
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": reply.content}, "finish_reason": "stop"}
            ],
        }
        if reply.prompt_tokens is not None and reply.completion_tokens is not None:
            completion["usage"] = {
                "prompt_tokens": reply.prompt_tokens,
                "completion_tokens": reply.completion_tokens,
                "total_tokens": reply.prompt_tokens + reply.completion_tokens,
            }
        return JSONResponse(completion)

    return app


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@asynccontextmanager
async def running_fake_llm() -> AsyncIterator[FakeLlmServer]:
    """Serve a fresh fake LLM server on 127.0.0.1 over real HTTP."""
    server = FakeLlmServer()
    async with serving_http(create_fake_llm_app(server), free_port()) as url:
        server.url = url
        yield server
