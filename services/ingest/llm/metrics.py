"""Prometheus metrics of the LLM enhancer (the Grafana dashboard charts tokens and cost)."""

from __future__ import annotations

from prometheus_client import Counter

LLM_TOKENS = Counter(
    "llm_tokens_total", "Tokens sent to and received from LLM providers.", ["provider", "model", "kind"]
)
LLM_COST_USD = Counter("llm_cost_usd_total", "Estimated cost of LLM calls in US dollars.", ["provider", "model"])
LLM_CALLS = Counter(
    "llm_calls_total",
    "LLM HTTP calls by outcome (ok, invalid, timeout, error, hallucination_dropped).",
    ["provider", "outcome"],
)
LLM_BUDGET_SKIPS = Counter(
    "llm_budget_exhausted_total", "Resumes parsed without an LLM because the monthly token budget was spent."
)
