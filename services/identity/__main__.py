"""`python -m services.identity`: run the service, or manage the keys that sign its tokens.

    python -m services.identity                 serve (IDENTITY_HOST / IDENTITY_PORT)
    python -m services.identity rotate-key      create a new signing key; it signs every new token
    python -m services.identity retire-key KID  delete a key; tokens it signed stop verifying
    python -m services.identity list-keys       the kids, oldest first (the last one signs)

Keys live in `IDENTITY_SIGNING_KEY_DIR` (default `$VAR_DIR/identity/keys`), shared by every replica.
Every key in the directory is published in `/.well-known/jwks.json`, so after a rotation tokens
signed by the previous key keep verifying until they expire. A running identity picks up new and
retired keys on its own; verifiers (gateway, services) fetch the JWKS again when they meet an
unknown kid. To rotate: `rotate-key`; wait at least the refresh-token lifetime
(`IDENTITY_REFRESH_TOKEN_TTL_SECONDS`, 30 days by default) so no live token still names the old
key; then `retire-key OLD_KID`. If a key leaked, retire it at once after rotating: everyone
signed with it must sign in again.
"""

from __future__ import annotations

import sys

from services.identity.settings import IdentitySettings
from services.identity.signing import create_key, list_keys, retire_key


def main(argv: list[str]) -> int:
    """Run the command in `argv` (serving when there is none); the process exit status."""
    settings = IdentitySettings()
    command = argv[0] if argv else "serve"
    if command == "serve" and len(argv) <= 1:
        from services.identity.app import create_app
        from talentkit.serve import serve

        serve(create_app, settings)
        return 0
    if command == "rotate-key" and len(argv) == 1:
        path = create_key(settings.key_dir)
        print(f"created key {path.stem}; it signs new tokens from now on")  # noqa: T201
        return 0
    if command == "retire-key" and len(argv) == 2:
        try:
            retire_key(settings.key_dir, argv[1])
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)  # noqa: T201
            return 1
        print(f"retired key {argv[1]}; tokens it signed no longer verify")  # noqa: T201
        return 0
    if command == "list-keys" and len(argv) == 1:
        kids = list_keys(settings.key_dir)
        for kid in kids:
            print(f"{kid}{'  (signs)' if kid == kids[-1] else ''}")  # noqa: T201
        return 0
    print(__doc__, file=sys.stderr)  # noqa: T201
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
