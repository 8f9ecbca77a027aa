"""The canonical skill vocabulary, conservative matching of skills in free text, and skill search."""

from contracts.skills.taxonomy import CredentialKind, Skill, SkillMention, Suggestion, Taxonomy, default_taxonomy

__all__ = ["CredentialKind", "Skill", "SkillMention", "Suggestion", "Taxonomy", "default_taxonomy"]
