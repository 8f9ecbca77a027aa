"""The optional LLM extraction enhancer: provider chain, versioned prompts, validation and grounding, usage ledger."""

from services.ingest.llm.enhancement import enhance_profile, llm_configured
from services.ingest.llm.usage import SqlUsageLedger, UsageLedger

__all__ = ["SqlUsageLedger", "UsageLedger", "enhance_profile", "llm_configured"]
