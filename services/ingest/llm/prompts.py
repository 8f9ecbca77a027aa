"""Versioned prompt files (`prompts/<name>.v<N>.md`) and how the resume text is placed in them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

PLACEHOLDER = "{{resume_text}}"
_SECTION = re.compile(r"^## (system|user)[ \t]*$", re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# The tags that fence the resume text: a resume that writes them could close the data block early
# and put its own words outside it, so they are removed from the text before it is placed.
_FENCE_TAG = re.compile(r"<\s*/?\s*resume_text\s*>", re.IGNORECASE)

Message = dict[str, str]


class PromptNotFoundError(LookupError):
    """No prompt file has that version."""


@dataclass(frozen=True)
class PromptTemplate:
    """One version of a prompt: the system message and the user message template."""

    version: str
    system: str
    user: str

    def messages(self, resume_text: str) -> list[Message]:
        """The chat messages asking for the profile of `resume_text`."""
        fenced = _FENCE_TAG.sub(" ", resume_text)
        return [
            {"role": "system", "content": self.system},
            {"role": "user", "content": self.user.replace(PLACEHOLDER, fenced)},
        ]


def parse_prompt(version: str, source: str) -> PromptTemplate:
    """A template from the text of a prompt file: a `## system` part and a `## user` part."""
    body = _COMMENT.sub("", source)
    parts = _SECTION.split(body)
    # split() with one group gives [before, name, text, name, text, ...].
    sections = {name: text.strip() for name, text in zip(parts[1::2], parts[2::2], strict=True)}
    system, user = sections.get("system", ""), sections.get("user", "")
    if not system or PLACEHOLDER not in user:
        raise ValueError(f"prompt {version} needs a `## system` part and a `## user` part with {PLACEHOLDER}")
    return PromptTemplate(version=version, system=system, user=user)


@cache
def load_prompt(version: str) -> PromptTemplate:
    """The prompt file `prompts/<version>.md` shipped with this package (read once)."""
    if not re.fullmatch(r"[a-z_]+\.v\d+", version):
        raise PromptNotFoundError(f"not a prompt version: {version!r}")
    path = resources.files("services.ingest.llm").joinpath("prompts").joinpath(f"{version}.md")
    if not path.is_file():
        raise PromptNotFoundError(f"no prompt file for {version}")
    return parse_prompt(version, path.read_text(encoding="utf-8"))
