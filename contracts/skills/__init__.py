"""The canonical skill vocabulary and conservative matching of skills in free text."""

from contracts.skills.taxonomy import Skill, SkillMention, Taxonomy, default_taxonomy

__all__ = ["Skill", "SkillMention", "Taxonomy", "default_taxonomy"]
