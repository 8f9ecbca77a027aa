"""The canonical skill vocabulary, conservative matching of skills in free text, and skill search."""

from contracts.skills.taxonomy import Skill, SkillMention, Suggestion, Taxonomy, default_taxonomy

__all__ = ["Skill", "SkillMention", "Suggestion", "Taxonomy", "default_taxonomy"]
