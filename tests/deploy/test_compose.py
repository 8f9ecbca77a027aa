"""Static checks of the container image recipe and the Compose stack.

Nothing here needs a Docker daemon: files are parsed and checked as data. The
Compose file is validated against the Compose specification JSON schema that
check-jsonschema vendors (offline); the remaining tests check what the schema
cannot: service wiring, health checks, secrets handling and port exposure.
"""

from __future__ import annotations

import importlib.resources
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from talentkit.settings import SERVICE_PORTS  # the ports the code defaults to are the ones deployed

pytestmark = pytest.mark.unit

REPO_ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"
OBSERVABILITY_COMPOSE_FILE = REPO_ROOT / "deploy" / "compose.observability.yml"
COMPOSE_ENV_EXAMPLE = REPO_ROOT / "deploy" / "compose.env.example"
DOCKERFILE = REPO_ROOT / "Dockerfile"
DOCKERIGNORE = REPO_ROOT / ".dockerignore"
PYPROJECT = REPO_ROOT / "pyproject.toml"

SERVICES = tuple(SERVICE_PORTS)
INFRA = ("nats", "postgres", "qdrant")
COMMON_ENV = ("TC_ENV", "NATS_URL", "DATABASE_URL", "LOG_LEVEL", "JWKS_URL", "VAR_DIR")
REQUIRED_SECRETS = ("POSTGRES_PASSWORD", "ADMIN_EMAIL", "ADMIN_PASSWORD")
SECRET_NAME = re.compile(r"PASSWORD|SECRET|API_KEY|TOKEN|PRIVATE", re.IGNORECASE)
INTERPOLATION = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<op>:?[-?+])?(?P<arg>[^}]*)\}")

Doc = dict[str, Any]


def _load_yaml(path: Path) -> Doc:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path} is not a YAML mapping"
    return data


def _environment(service: Doc) -> dict[str, str]:
    """The service's environment as a mapping (Compose allows a list too)."""
    env = service.get("environment", {})
    if isinstance(env, list):
        return dict(item.split("=", 1) for item in env)
    assert isinstance(env, dict)
    return {str(key): str(value) for key, value in env.items()}


def _depends_on(service: Doc) -> dict[str, str]:
    """depends_on as {service: condition}; the short list form means service_started."""
    deps = service.get("depends_on", {})
    if isinstance(deps, list):
        return dict.fromkeys(deps, "service_started")
    return {name: spec.get("condition", "service_started") for name, spec in deps.items()}


def _dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs with line continuations joined, comments dropped."""
    logical: list[str] = []
    current = ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        logical.append(current + line)
        current = ""
    assert not current, "Dockerfile ends with a line continuation"
    pairs: list[tuple[str, str]] = []
    for line in logical:
        instruction, _, args = line.partition(" ")
        pairs.append((instruction.upper(), args.strip()))
    return pairs


def _pyproject() -> Doc:
    with PYPROJECT.open("rb") as fh:
        return tomllib.load(fh)


@pytest.fixture(scope="module")
def compose() -> Doc:
    return _load_yaml(COMPOSE_FILE)


@pytest.fixture(scope="module")
def services(compose: Doc) -> dict[str, Doc]:
    svcs = compose["services"]
    assert isinstance(svcs, dict)
    return svcs


# --------------------------------------------------------------------------
# Compose: schema and overall shape
# --------------------------------------------------------------------------


@pytest.mark.parametrize("path", [COMPOSE_FILE, OBSERVABILITY_COMPOSE_FILE], ids=lambda p: p.name)
def test_compose_file_matches_compose_spec_schema(path: Path) -> None:
    pytest.importorskip("check_jsonschema", reason="check-jsonschema vendors the Compose spec schema")
    schema_file = importlib.resources.files("check_jsonschema").joinpath("builtin_schemas/vendor/compose-spec.json")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(_load_yaml(path)), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_compose_has_no_obsolete_version_key(compose: Doc) -> None:
    assert "version" not in compose


def test_compose_declares_every_service_and_infrastructure(services: dict[str, Doc]) -> None:
    missing = (set(SERVICES) | set(INFRA)) - set(services)
    assert not missing, f"services missing from docker-compose.yml: {sorted(missing)}"


def test_only_the_gateway_publishes_a_port(services: dict[str, Doc]) -> None:
    publishing = sorted(name for name, svc in services.items() if svc.get("ports"))
    assert publishing == ["gateway"]
    (mapping,) = services["gateway"]["ports"]
    assert str(mapping).endswith(":8000"), mapping


def test_named_volumes_are_declared(compose: Doc, services: dict[str, Doc]) -> None:
    declared = set(compose.get("volumes") or {})
    for name, svc in services.items():
        for volume in svc.get("volumes", []):
            source = volume["source"] if isinstance(volume, dict) else str(volume).split(":", 1)[0]
            if source.startswith((".", "/", "~")):
                assert (REPO_ROOT / source).exists(), f"{name}: bind-mount source {source} does not exist"
            else:
                assert source in declared, f"{name}: volume {source!r} is not declared under volumes:"


# --------------------------------------------------------------------------
# Compose: application services
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", SERVICES)
def test_service_runs_its_module_from_the_shared_image(services: dict[str, Doc], name: str) -> None:
    svc = services[name]
    build = svc.get("build")
    context = build.get("context") if isinstance(build, dict) else build
    assert context == ".", f"{name} must build the repository image"
    assert svc.get("image") == services["gateway"].get("image"), "all services share one image"
    assert svc["command"] == ["python", "-m", f"services.{name}"]


@pytest.mark.parametrize("name", SERVICES)
def test_service_healthcheck_probes_healthz_with_python(services: dict[str, Doc], name: str) -> None:
    test = services[name]["healthcheck"]["test"]
    assert isinstance(test, list)
    assert test[:3] == ["CMD", "python", "-c"], test
    code = test[3]
    assert f"http://127.0.0.1:{SERVICE_PORTS[name]}/healthz" in code
    assert "urllib" in code
    compile(code, f"<{name} healthcheck>", "exec")  # the one-liner must be valid Python


@pytest.mark.parametrize("name", SERVICES)
def test_service_environment(services: dict[str, Doc], name: str) -> None:
    env = _environment(services[name])
    missing = [key for key in COMMON_ENV if key not in env]
    assert not missing, f"{name} lacks {missing}"
    prefix = name.upper()
    assert env[f"{prefix}_HOST"] == "0.0.0.0"
    assert env[f"{prefix}_PORT"] == str(SERVICE_PORTS[name])
    assert env["NATS_URL"] == "nats://nats:4222"
    assert env["JWKS_URL"] == "http://identity:8001/.well-known/jwks.json"
    assert env["DATABASE_URL"].startswith("postgresql+asyncpg://")
    assert "@postgres:5432/" in env["DATABASE_URL"]
    assert "${POSTGRES_PASSWORD:?" in env["DATABASE_URL"]


@pytest.mark.parametrize("name", SERVICES)
def test_service_waits_for_healthy_infrastructure(services: dict[str, Doc], name: str) -> None:
    deps = _depends_on(services[name])
    for infra in ("nats", "postgres"):
        assert deps.get(infra) == "service_healthy", f"{name} must wait for a healthy {infra}"


@pytest.mark.parametrize("name", SERVICES)
def test_service_container_is_hardened(services: dict[str, Doc], name: str) -> None:
    svc = services[name]
    assert svc.get("read_only") is True
    assert "ALL" in svc.get("cap_drop", [])
    assert "no-new-privileges:true" in svc.get("security_opt", [])
    assert str(svc.get("user", "")).split(":")[0] == str(_dockerfile_uid())
    assert any(str(t).split(":")[0] == "/tmp" for t in svc.get("tmpfs", [])), "read-only root needs a /tmp tmpfs"


def test_gateway_routes_to_every_service(services: dict[str, Doc]) -> None:
    env = _environment(services["gateway"])
    for name, port in SERVICE_PORTS.items():
        if name != "gateway":
            assert env[f"{name.upper()}_URL"] == f"http://{name}:{port}"
    for limit in (
        "RATE_LIMIT_LOGIN",
        "RATE_LIMIT_REGISTER",
        "RATE_LIMIT_UPLOAD",
        "RATE_LIMIT_API",
        "RATE_LIMIT_BULK_UPLOAD",
    ):
        assert limit in env
    deps = _depends_on(services["gateway"])
    assert all(deps.get(name) == "service_healthy" for name in SERVICES if name != "gateway")


def test_matcher_uses_qdrant(services: dict[str, Doc]) -> None:
    env = _environment(services["matcher"])
    assert env["QDRANT_URL"] == "http://qdrant:6333"
    assert _depends_on(services["matcher"]).get("qdrant") == "service_healthy"


def _volume_targets(svc: Doc) -> set[str]:
    targets: set[str] = set()
    for volume in svc.get("volumes", []):
        if isinstance(volume, dict):
            targets.add(volume["target"])
        else:
            targets.add(str(volume).split(":")[1])
    return targets


def test_identity_gets_admin_secrets_and_persistent_keys(services: dict[str, Doc]) -> None:
    env = _environment(services["identity"])
    assert env["ADMIN_EMAIL"].startswith("${ADMIN_EMAIL:?")
    assert env["ADMIN_PASSWORD"].startswith("${ADMIN_PASSWORD:?")
    assert env["IDENTITY_SIGNING_KEY_DIR"] in _volume_targets(services["identity"])


def test_ingest_storage_is_a_persistent_volume(services: dict[str, Doc]) -> None:
    env = _environment(services["ingest"])
    assert env["INGEST_STORAGE_DIR"] in _volume_targets(services["ingest"])


# --------------------------------------------------------------------------
# Compose: infrastructure
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", INFRA)
def test_infrastructure_has_healthcheck_and_persistent_volume(services: dict[str, Doc], name: str) -> None:
    svc = services[name]
    assert svc["healthcheck"]["test"], f"{name} needs a healthcheck"
    assert svc.get("volumes"), f"{name} needs a persistent volume"


def test_nats_runs_jetstream_with_storage_and_monitoring(services: dict[str, Doc]) -> None:
    nats = services["nats"]
    assert nats["image"].startswith("nats:2.")
    command = nats["command"]
    assert "-js" in command or "--jetstream" in command
    assert "-sd" in command or "--store_dir" in command
    assert "8222" in command
    assert "8222/healthz" in " ".join(nats["healthcheck"]["test"])


def test_postgres_uses_pgvector_and_required_password(services: dict[str, Doc]) -> None:
    pg = services["postgres"]
    assert pg["image"] == "pgvector/pgvector:pg16"
    assert _environment(pg)["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")


def test_qdrant_image(services: dict[str, Doc]) -> None:
    assert services["qdrant"]["image"].startswith("qdrant/qdrant:")


# --------------------------------------------------------------------------
# Compose: secrets
# --------------------------------------------------------------------------


# Keys for optional integrations: absent means the feature is off (the LLM enhancer falls back to
# the deterministic parser), so they may be empty but never carry a default value.
OPTIONAL_SECRETS = frozenset({"GROQ_API_KEY", "INGEST_LLM_OPENAI_API_KEY"})


def _all_compose_values(node: Any) -> list[tuple[str, str]]:
    """Every (key, scalar value) pair in a parsed YAML tree."""
    found: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, (dict, list)):
                found.extend(_all_compose_values(value))
            else:
                found.append((str(key), str(value)))
    elif isinstance(node, list):
        for item in node:
            found.extend(_all_compose_values(item))
    return found


def _allowed(name: str, op: str, default: str) -> bool:
    # An optional secret (a feature that is off without it) may be read as unset, never given a value.
    if name in OPTIONAL_SECRETS:
        return op == ":?" or (op == ":-" and default == "")
    return op == ":?"


@pytest.mark.parametrize("path", [COMPOSE_FILE, OBSERVABILITY_COMPOSE_FILE], ids=lambda p: p.name)
def test_no_hard_coded_or_defaulted_secrets(path: Path) -> None:
    doc = _load_yaml(path)
    for key, value in _all_compose_values(doc.get("services", {})):
        if SECRET_NAME.search(key) and not key.endswith("_FILE"):
            match = INTERPOLATION.fullmatch(value)
            assert match, f"{key} must be `${{VAR:?message}}`, got {value!r}"
            assert _allowed(key, match["op"], match["arg"]), f"{key} must be `${{VAR:?message}}`, got {value!r}"
    for match in INTERPOLATION.finditer(path.read_text(encoding="utf-8")):
        if SECRET_NAME.search(match["name"]):
            assert _allowed(match["name"], match["op"], match["arg"]), (
                f"secret {match['name']} must be required, not defaulted"
            )


def test_required_secrets_use_mandatory_interpolation() -> None:
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    ops = {(m["name"], m["op"]) for m in INTERPOLATION.finditer(text)}
    for name in REQUIRED_SECRETS:
        assert (name, ":?") in ops, f"{name} must be read as ${{{name}:?...}}"
    # postgres://user:password@ literal credentials must not appear anywhere.
    assert not re.search(r"://[^:/@\s]+:(?!\$\{)[^@\s]+@", text), "literal credentials in a URL"


def test_env_example_documents_every_required_variable() -> None:
    example_keys = {
        line.split("=", 1)[0].strip()
        for line in COMPOSE_ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
        if "=" in line and not line.lstrip().startswith("#")
    }
    for path in (COMPOSE_FILE, OBSERVABILITY_COMPOSE_FILE):
        for match in INTERPOLATION.finditer(path.read_text(encoding="utf-8")):
            if match["op"] == ":?":
                assert match["name"] in example_keys, f"{match['name']} missing from {COMPOSE_ENV_EXAMPLE.name}"


def test_observability_override_mounts_existing_files() -> None:
    doc = _load_yaml(OBSERVABILITY_COMPOSE_FILE)
    for name, svc in doc["services"].items():
        for volume in svc.get("volumes", []):
            source = str(volume).split(":", 1)[0]
            if source.startswith("./"):
                assert (REPO_ROOT / source).exists(), f"{name}: {source} does not exist"
        for mapping in svc.get("ports", []):
            assert str(mapping).startswith("127.0.0.1:"), f"{name} may only publish on loopback"


# --------------------------------------------------------------------------
# All deployment YAML
# --------------------------------------------------------------------------


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate mapping keys (PyYAML keeps the last one silently)."""


def _construct_unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping)

DEPLOY_YAML = sorted(
    [COMPOSE_FILE, *(REPO_ROOT / "deploy").rglob("*.yml"), *(REPO_ROOT / "deploy").rglob("*.yaml")],
    key=str,
)


@pytest.mark.parametrize("path", DEPLOY_YAML, ids=lambda p: str(p.relative_to(REPO_ROOT)))
def test_yaml_has_no_duplicate_keys(path: Path) -> None:
    documents = list(yaml.load_all(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader))
    assert any(documents), f"{path} is empty"


# --------------------------------------------------------------------------
# Dockerfile and .dockerignore
# --------------------------------------------------------------------------


def _dockerfile_uid() -> int:
    users = [args for instruction, args in _dockerfile_instructions() if instruction == "USER"]
    assert users, "Dockerfile must switch to a non-root USER"
    uid = users[-1].split(":")[0]
    assert uid.isdigit(), "USER must be numeric so Kubernetes can verify runAsNonRoot"
    return int(uid)


def test_dockerfile_is_multi_stage_python_311_slim() -> None:
    instructions = _dockerfile_instructions()
    froms = [args for instruction, args in instructions if instruction == "FROM"]
    assert len(froms) >= 2, "builder + runtime stages expected"
    args = {a.split("=", 1)[0]: a.split("=", 1)[1] for i, a in instructions if i == "ARG" and "=" in a}
    bases = {f.split()[0] for f in froms if not f.startswith("--")}
    resolved = {args.get(b.strip("${}"), b) for b in bases}
    assert all(base.startswith("python:3.11-slim") for base in resolved), resolved
    assert any("COPY" == i and "--from=" in a for i, a in instructions), "runtime must copy from the builder"


def _expand_build_args(text: str, instructions: list[tuple[str, str]]) -> str:
    """Substitute ${NAME} / $NAME with the ARG defaults declared in the Dockerfile."""
    defaults = dict(args.split("=", 1) for instruction, args in instructions if instruction == "ARG" and "=" in args)
    return re.sub(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?", lambda m: defaults.get(m[1], m[0]), text)


def test_dockerfile_installs_cpu_torch_pinned_like_pyproject_first() -> None:
    deps: list[str] = _pyproject()["project"]["dependencies"]
    (torch_pin,) = [d for d in deps if re.match(r"torch\s*==", d)]
    version = torch_pin.split("==", 1)[1].strip()
    instructions = _dockerfile_instructions()
    runs = [_expand_build_args(args, instructions) for instruction, args in instructions if instruction == "RUN"]
    torch_steps = [i for i, run in enumerate(runs) if re.search(r"pip install [^&;]*[\"']?torch==", run)]
    assert torch_steps, "torch must be installed explicitly"
    torch_run = runs[torch_steps[0]]
    installed = re.search(r"torch==([^\s\"']+)", torch_run)
    assert installed, torch_run
    assert installed[1] == version, f"Dockerfile installs torch {installed[1]}, pyproject pins {version}"
    assert "--index-url https://download.pytorch.org/whl/cpu" in torch_run.replace('"', "")
    project_step = next(i for i, run in enumerate(runs) if re.search(r"pip install (--no-deps )?\.(\s|$)", run))
    assert torch_steps[0] < project_step, "torch must be installed before the project"


def test_dockerfile_copies_every_package_in_pyproject() -> None:
    includes: list[str] = _pyproject()["tool"]["setuptools"]["packages"]["find"]["include"]
    copied = " ".join(args for instruction, args in _dockerfile_instructions() if instruction == "COPY")
    for pattern in includes:
        package = pattern.rstrip("*")
        assert re.search(rf"(^|\s){re.escape(package)}(\s|/|$)", copied), f"Dockerfile never copies {package}/"
    assert "pyproject.toml" in copied
    assert "README.md" in copied


def test_dockerfile_runtime_settings() -> None:
    instructions = _dockerfile_instructions()
    assert _dockerfile_uid() > 0
    env = " ".join(args for instruction, args in instructions if instruction == "ENV")
    assert re.search(r"\bHF_HUB_OFFLINE=1\b", env)
    cmds = [args for instruction, args in instructions if instruction == "CMD"]
    assert cmds, "Dockerfile needs a CMD"
    assert json.loads(cmds[-1]) == ["python", "-m", "services.gateway"]
    assert not any(instruction == "ENTRYPOINT" for instruction, _ in instructions)


def test_dockerignore_excludes_local_state_and_secrets() -> None:
    patterns = {
        line.strip().rstrip("/")
        for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for required in (".venv", "var", ".git", "**/__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".env"):
        assert required in patterns, f".dockerignore must exclude {required}"
    # The build needs these; make sure they are not ignored.
    for needed in ("pyproject.toml", "contracts", "talentkit", "services"):
        assert needed not in patterns
