"""LLM providers speaking the OpenAI-compatible chat completions API (Groq, OpenAI, Ollama, vLLM, ...).

One call is one POST to `<base_url>/chat/completions` in JSON mode at temperature 0. Failures are
classified so the caller knows whether to retry (429, 5xx, timeouts, connection errors) or to move
on to the next provider (other 4xx, a malformed response).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Literal

import httpx

from services.ingest.settings import LlmSettings

Message = dict[str, str]
CallFailure = Literal["timeout", "error", "invalid"]


@dataclass(frozen=True)
class Provider:
    """One configured endpoint and model, with its prices per 1000 tokens."""

    name: str
    base_url: str
    model: str
    api_key: str | None = None
    prompt_usd_per_1k: float = 0.0
    completion_usd_per_1k: float = 0.0

    def cost_usd(self, prompt_tokens: int, completion_tokens: int) -> float:
        """The estimated price of a call with these token counts."""
        return (prompt_tokens * self.prompt_usd_per_1k + completion_tokens * self.completion_usd_per_1k) / 1000


def configured_providers(settings: LlmSettings) -> list[Provider]:
    """The provider chain in order of preference: Groq, then the OpenAI-compatible endpoint, when configured."""
    if not settings.enabled:
        return []
    chain: list[Provider] = []
    if settings.groq_api_key is not None and settings.groq_api_key.get_secret_value():
        chain.append(
            Provider(
                name="groq",
                base_url=settings.groq_base_url,
                model=settings.groq_model,
                api_key=settings.groq_api_key.get_secret_value(),
                prompt_usd_per_1k=settings.groq_prompt_usd_per_1k,
                completion_usd_per_1k=settings.groq_completion_usd_per_1k,
            )
        )
    if settings.openai_base_url:
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key is not None else None
        chain.append(
            Provider(
                name="openai",
                base_url=settings.openai_base_url,
                model=settings.openai_model,
                api_key=key or None,
                prompt_usd_per_1k=settings.openai_prompt_usd_per_1k,
                completion_usd_per_1k=settings.openai_completion_usd_per_1k,
            )
        )
    return chain


@dataclass(frozen=True)
class ChatReply:
    """The text a model answered and the tokens the call used."""

    content: str
    prompt_tokens: int
    completion_tokens: int
    latency_ms: int


class ProviderCallError(Exception):
    """A call that produced no usable reply; `retryable` says whether trying again may help."""

    def __init__(
        self, outcome: CallFailure, detail: str, *, retryable: bool, latency_ms: int, retry_after: float | None = None
    ) -> None:
        super().__init__(detail)
        self.outcome: CallFailure = outcome
        self.detail = detail
        self.retryable = retryable
        self.latency_ms = latency_ms
        self.retry_after = retry_after


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return max(0.0, float(response.headers.get("retry-after", "")))
    except ValueError:
        return None  # absent, or an HTTP date: the exponential backoff applies


def _count(reported: object, text: str) -> int:
    """The token count the server reported, or an estimate when it reported none."""
    if isinstance(reported, int) and not isinstance(reported, bool) and reported >= 0:
        return reported
    # About four characters per token for English text.
    return max(1, len(text) // 4)


async def chat_completion(
    client: httpx.AsyncClient,
    provider: Provider,
    messages: list[Message],
    *,
    timeout_seconds: float,
    max_output_tokens: int,
) -> ChatReply:
    """Ask `provider` for a JSON object; raises `ProviderCallError` when no reply text comes back."""
    headers = {"Authorization": f"Bearer {provider.api_key}"} if provider.api_key else {}
    body: dict[str, Any] = {
        "model": provider.model,
        "messages": messages,
        "temperature": 0,
        "max_tokens": max_output_tokens,
        "response_format": {"type": "json_object"},
    }
    url = f"{provider.base_url.rstrip('/')}/chat/completions"
    started = time.perf_counter()

    def elapsed() -> int:
        return round((time.perf_counter() - started) * 1000)

    try:
        response = await client.post(url, json=body, headers=headers, timeout=timeout_seconds)
    except httpx.TimeoutException as exc:
        raise ProviderCallError(
            "timeout", f"no answer within {timeout_seconds}s", retryable=True, latency_ms=elapsed()
        ) from exc
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
        # A malformed base URL: a configuration problem that retrying does not fix.
        raise ProviderCallError(
            "error", f"request: {type(exc).__name__}", retryable=False, latency_ms=elapsed()
        ) from exc
    except httpx.HTTPError as exc:
        # Connection refused or reset, a broken response: often passing, so worth another attempt.
        raise ProviderCallError(
            "error", f"transport: {type(exc).__name__}", retryable=True, latency_ms=elapsed()
        ) from exc
    latency_ms = elapsed()
    if response.status_code == 429 or response.status_code >= 500:
        raise ProviderCallError(
            "error",
            f"HTTP {response.status_code}",
            retryable=True,
            latency_ms=latency_ms,
            retry_after=_retry_after(response),
        )
    if response.status_code != 200:
        # 400/401/403/404: a wrong key, model or request does not heal by retrying.
        raise ProviderCallError("error", f"HTTP {response.status_code}", retryable=False, latency_ms=latency_ms)
    try:
        payload = response.json()
        content = payload["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise ProviderCallError(
            "invalid", "response is not a chat completion", retryable=False, latency_ms=latency_ms
        ) from exc
    if not isinstance(content, str):
        raise ProviderCallError("invalid", "completion has no text", retryable=False, latency_ms=latency_ms)
    usage = payload.get("usage") if isinstance(payload, dict) else None
    usage = usage if isinstance(usage, dict) else {}
    return ChatReply(
        content=content,
        prompt_tokens=_count(usage.get("prompt_tokens"), "".join(m["content"] for m in messages)),
        completion_tokens=_count(usage.get("completion_tokens"), content),
        latency_ms=latency_ms,
    )
