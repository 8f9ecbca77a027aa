"""Static checks of the Kubernetes manifests under deploy/k8s.

Every manifest is validated offline against the Kubernetes OpenAPI schemas
bundled with kubernetes-validate (strict mode: unknown fields fail). Further
tests check what a schema cannot: the kustomization is complete, workloads are
hardened and probed, references between objects resolve, and the production
overlay really replaces the placeholder Secret. When `kustomize` or `kubectl`
is installed, the base and the overlay are also rendered and validated.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from talentkit.settings import SERVICE_PORTS  # the ports the code defaults to are the ones deployed

pytestmark = pytest.mark.unit

REPO_ROOT = Path(__file__).resolve().parents[2]
K8S_DIR = REPO_ROOT / "deploy" / "k8s"
BASE_DIR = K8S_DIR / "base"
PROD_DIR = K8S_DIR / "overlays" / "production"
DOCKERFILE = REPO_ROOT / "Dockerfile"
COMPOSE_FILE = REPO_ROOT / "docker-compose.yml"
POSTGRES_INITDB_SQL = REPO_ROOT / "deploy" / "postgres" / "initdb" / "001-extensions.sql"

# Oldest Kubernetes minor the manifests must support, plus the newest schema
# bundled with kubernetes-validate.
K8S_VERSIONS = ("1.30", kubernetes_validate.latest_version())

SERVICES = tuple(SERVICE_PORTS)
INFRA = ("nats", "postgres", "qdrant")
CONFIGMAP = "talent-connect-config"
SECRET = "talent-connect-secrets"
PLACEHOLDER = "REPLACE_ME"
PROD_SECRETS_EXAMPLE = PROD_DIR / "secrets.env.example"

Doc = dict[str, Any]


def _load_docs(path: Path) -> list[Doc]:
    docs = [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]
    assert all(isinstance(doc, dict) for doc in docs), f"{path}: every document must be a mapping"
    return docs


def _kustomization(directory: Path) -> Doc:
    (doc,) = _load_docs(directory / "kustomization.yaml")
    return doc


def _base_manifest_files() -> list[Path]:
    return sorted(p for p in BASE_DIR.glob("*.yaml") if p.name != "kustomization.yaml")


def _base_docs() -> list[Doc]:
    return [doc for path in _base_manifest_files() for doc in _load_docs(path)]


def _overlay_full_manifests() -> list[Path]:
    """Overlay files that are complete objects (resources), not patches."""
    kustomization = _kustomization(PROD_DIR)
    return [PROD_DIR / r for r in kustomization.get("resources", []) if (PROD_DIR / r).is_file()]


def _find(docs: list[Doc], kind: str, name: str) -> Doc:
    matches = [d for d in docs if d["kind"] == kind and d["metadata"]["name"] == name]
    assert len(matches) == 1, f"expected exactly one {kind}/{name}, found {len(matches)}"
    return matches[0]


def _workloads(docs: list[Doc]) -> list[Doc]:
    return [d for d in docs if d["kind"] in ("Deployment", "StatefulSet", "DaemonSet", "Job")]


def _containers(workload: Doc) -> list[Doc]:
    spec = workload["spec"]["template"]["spec"]
    containers: list[Doc] = spec.get("initContainers", []) + spec["containers"]
    return containers


def _doc_id(doc: Doc) -> str:
    return f"{doc['kind']}/{doc['metadata']['name']}"


def _dockerfile_uid() -> int:
    users = re.findall(r"^USER\s+(\d+)", DOCKERFILE.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert users, "Dockerfile must set a numeric USER"
    return int(users[-1])


def _secret_keys(secret: Doc) -> set[str]:
    return set(secret.get("stringData", {})) | set(secret.get("data", {}))


def _env_file_keys(path: Path) -> dict[str, str]:
    pairs = (
        line.split("=", 1)
        for line in path.read_text(encoding="utf-8").splitlines()
        if "=" in line and not line.lstrip().startswith("#")
    )
    return {key.strip(): value.strip() for key, value in pairs}


BASE_DOCS = _base_docs()
ALL_STATIC_DOCS = BASE_DOCS + [doc for path in _overlay_full_manifests() for doc in _load_docs(path)]


# --------------------------------------------------------------------------
# Kustomize structure
# --------------------------------------------------------------------------


def test_base_kustomization_lists_every_manifest_and_nothing_else() -> None:
    resources = _kustomization(BASE_DIR)["resources"]
    assert len(resources) == len(set(resources)), "duplicate entries in resources"
    listed = {BASE_DIR / r for r in resources}
    missing_files = sorted(str(p.relative_to(REPO_ROOT)) for p in listed if not p.is_file())
    assert not missing_files, f"listed but missing: {missing_files}"
    unlisted = sorted(p.name for p in _base_manifest_files() if p not in listed)
    assert not unlisted, f"manifests not listed in kustomization.yaml: {unlisted}"


def test_base_has_one_manifest_file_per_service_and_infrastructure() -> None:
    names = {p.stem for p in _base_manifest_files()}
    missing = (set(SERVICES) | set(INFRA) | {"configmap", "secret"}) - names
    assert not missing, f"missing manifest files in base: {sorted(missing)}"


def test_production_overlay_references_exist() -> None:
    kustomization = _kustomization(PROD_DIR)
    for resource in kustomization["resources"]:
        target = PROD_DIR / resource
        assert target.is_file() or (target / "kustomization.yaml").is_file(), resource
    assert (PROD_DIR / "../../base").resolve() == BASE_DIR.resolve()
    assert "../../base" in kustomization["resources"]
    for patch in kustomization.get("patches", []):
        assert (PROD_DIR / patch["path"]).is_file(), patch
    assert kustomization.get("namespace"), "the overlay must pin a namespace"


def test_production_patches_target_existing_objects() -> None:
    kustomization = _kustomization(PROD_DIR)
    for patch in kustomization["patches"]:
        for doc in _load_docs(PROD_DIR / patch["path"]):
            target = _find(BASE_DOCS, doc["kind"], doc["metadata"]["name"])
            patched = doc.get("spec", {}).get("template", {}).get("spec", {}).get("containers", [])
            existing = {c["name"] for c in _containers(target)}
            for container in patched:
                assert container["name"] in existing, f"{_doc_id(doc)} patches unknown container {container['name']}"


def test_production_overlay_scales_and_resizes() -> None:
    kustomization = _kustomization(PROD_DIR)
    patch_docs = [doc for p in kustomization["patches"] for doc in _load_docs(PROD_DIR / p["path"])]
    replicas = {d["metadata"]["name"]: d["spec"]["replicas"] for d in patch_docs if "replicas" in d.get("spec", {})}
    assert replicas.get("gateway", 1) >= 2, "production must run the gateway redundantly"
    resized = {
        d["metadata"]["name"]
        for d in patch_docs
        for c in d.get("spec", {}).get("template", {}).get("spec", {}).get("containers", [])
        if "resources" in c
    }
    assert set(SERVICES) <= resized, f"no production resources for {sorted(set(SERVICES) - resized)}"
    for name in ("identity", "ingest"):
        assert replicas.get(name, 1) == 1, f"{name} uses a ReadWriteOnce volume and cannot scale out"


# --------------------------------------------------------------------------
# Schema validation
# --------------------------------------------------------------------------


@pytest.mark.parametrize("version", K8S_VERSIONS)
@pytest.mark.parametrize("doc", ALL_STATIC_DOCS, ids=_doc_id)
def test_manifest_validates_against_kubernetes_schema(doc: Doc, version: str) -> None:
    try:
        kubernetes_validate.validate(doc, version, strict=True)
    except kubernetes_validate.ValidationError as exc:
        path = ".".join(str(p) for p in exc.path)
        pytest.fail(f"{_doc_id(doc)} invalid for Kubernetes {version}: {path}: {exc.message}")


def test_object_names_are_unique() -> None:
    ids = [_doc_id(d) for d in BASE_DOCS]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, duplicates


# --------------------------------------------------------------------------
# Application services
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", SERVICES)
def test_service_deployment(name: str) -> None:
    deployment = _find(BASE_DOCS, "Deployment", name)
    port = SERVICE_PORTS[name]
    template = deployment["spec"]["template"]
    (container,) = template["spec"]["containers"]

    assert container["image"].split(":")[0] == "talent-connect"
    assert container["command"] == ["python", "-m", f"services.{name}"]
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports == {"http": port}

    for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
        http_get = container[probe]["httpGet"]
        assert http_get["path"] == path, f"{name} {probe}"
        assert http_get["port"] in ("http", port)

    annotations = template["metadata"]["annotations"]
    assert annotations["prometheus.io/scrape"] == "true"
    assert annotations["prometheus.io/port"] == str(port)
    assert annotations["prometheus.io/path"] == "/metrics"

    assert {"configMapRef": {"name": CONFIGMAP}} in container["envFrom"]
    env_names = [e["name"] for e in container["env"]]
    assert "DATABASE_URL" in env_names
    assert "POSTGRES_PASSWORD" in env_names
    assert template["spec"]["enableServiceLinks"] is False, "service links would clobber <SVC>_PORT"
    assert template["spec"]["automountServiceAccountToken"] is False


@pytest.mark.parametrize("name", SERVICES)
def test_service_has_clusterip_service_matching_its_pods(name: str) -> None:
    service = _find(BASE_DOCS, "Service", name)
    deployment = _find(BASE_DOCS, "Deployment", name)
    assert service["spec"].get("type", "ClusterIP") == "ClusterIP"
    selector = service["spec"]["selector"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert selector.items() <= labels.items()
    (port,) = service["spec"]["ports"]
    assert port["port"] == SERVICE_PORTS[name]


def test_database_url_is_built_from_the_secret() -> None:
    for name in SERVICES:
        (container,) = _find(BASE_DOCS, "Deployment", name)["spec"]["template"]["spec"]["containers"]
        env = container["env"]
        names = [e["name"] for e in env]
        url = next(e for e in env if e["name"] == "DATABASE_URL")["value"]
        assert url.startswith("postgresql+asyncpg://")
        assert "$(POSTGRES_PASSWORD)" in url
        # $(VAR) expansion only sees variables defined earlier in the list.
        assert names.index("POSTGRES_PASSWORD") < names.index("DATABASE_URL")
        password = next(e for e in env if e["name"] == "POSTGRES_PASSWORD")
        assert password["valueFrom"]["secretKeyRef"]["name"] == SECRET


def test_identity_and_matcher_secrets() -> None:
    def secret_env(name: str) -> dict[str, Doc]:
        (container,) = _find(BASE_DOCS, "Deployment", name)["spec"]["template"]["spec"]["containers"]
        return {
            e["name"]: e["valueFrom"]["secretKeyRef"]
            for e in container["env"]
            if "secretKeyRef" in e.get("valueFrom", {})
        }

    identity = secret_env("identity")
    assert identity["ADMIN_EMAIL"]["name"] == SECRET
    assert identity["ADMIN_PASSWORD"]["name"] == SECRET
    assert secret_env("matcher")["QDRANT_API_KEY"]["name"] == SECRET


@pytest.mark.parametrize(
    ("name", "setting"), [("identity", "IDENTITY_SIGNING_KEY_DIR"), ("ingest", "INGEST_STORAGE_DIR")]
)
def test_stateful_service_mounts_a_persistent_volume(name: str, setting: str) -> None:
    deployment = _find(BASE_DOCS, "Deployment", name)
    config = _find(BASE_DOCS, "ConfigMap", CONFIGMAP)["data"]
    pod = deployment["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    volume_name = mounts[config[setting]]
    volume = next(v for v in pod["volumes"] if v["name"] == volume_name)
    claim = volume["persistentVolumeClaim"]["claimName"]
    _find(BASE_DOCS, "PersistentVolumeClaim", claim)
    assert deployment["spec"]["strategy"]["type"] == "Recreate", "a ReadWriteOnce volume needs Recreate"


def test_configmap_wires_every_service() -> None:
    data = _find(BASE_DOCS, "ConfigMap", CONFIGMAP)["data"]
    assert all(isinstance(v, str) for v in data.values()), "ConfigMap values must be strings"
    for name, port in SERVICE_PORTS.items():
        assert data[f"{name.upper()}_HOST"] == "0.0.0.0"
        assert data[f"{name.upper()}_PORT"] == str(port)
        if name != "gateway":
            assert data[f"{name.upper()}_URL"] == f"http://{name}:{port}"
    assert data["TC_ENV"] == "prod"
    assert data["NATS_URL"] == "nats://nats:4222"
    assert data["QDRANT_URL"] == "http://qdrant:6333"
    assert data["JWKS_URL"] == "http://identity:8001/.well-known/jwks.json"
    for limit in (
        "RATE_LIMIT_LOGIN",
        "RATE_LIMIT_REGISTER",
        "RATE_LIMIT_UPLOAD",
        "RATE_LIMIT_API",
        "RATE_LIMIT_BULK_UPLOAD",
    ):
        assert limit in data
    assert not any(re.search(r"PASSWORD|SECRET|API_KEY", key) for key in data), "secrets belong in the Secret"


# --------------------------------------------------------------------------
# Every workload: hardening, probes, resources, references
# --------------------------------------------------------------------------


WORKLOADS = _workloads(BASE_DOCS)


def test_every_service_and_infrastructure_component_has_a_workload() -> None:
    names = {(w["kind"], w["metadata"]["name"]) for w in WORKLOADS}
    for name in SERVICES:
        assert ("Deployment", name) in names
    for name in INFRA:
        assert ("StatefulSet", name) in names


@pytest.mark.parametrize("workload", WORKLOADS, ids=_doc_id)
def test_workload_pod_security(workload: Doc) -> None:
    pod = workload["spec"]["template"]["spec"]
    pod_ctx = pod.get("securityContext", {})
    assert pod_ctx.get("runAsNonRoot") is True
    assert pod_ctx.get("runAsUser", 0) > 0
    assert pod_ctx.get("seccompProfile", {}).get("type") == "RuntimeDefault"
    assert pod.get("automountServiceAccountToken") is False
    assert pod.get("hostNetwork") is not True
    assert pod.get("hostPID") is not True
    for container in _containers(workload):
        ctx = container.get("securityContext", {})
        where = f"{_doc_id(workload)}/{container['name']}"
        assert ctx.get("readOnlyRootFilesystem") is True, where
        assert ctx.get("allowPrivilegeEscalation") is False, where
        assert ctx.get("capabilities", {}).get("drop") == ["ALL"], where
        assert not ctx.get("capabilities", {}).get("add"), where
        assert ctx.get("privileged") is not True, where
        assert ctx.get("runAsUser", pod_ctx["runAsUser"]) != 0, where


@pytest.mark.parametrize("name", SERVICES)
def test_service_pods_run_as_the_image_user(name: str) -> None:
    pod_ctx = _find(BASE_DOCS, "Deployment", name)["spec"]["template"]["spec"]["securityContext"]
    uid = _dockerfile_uid()
    assert pod_ctx["runAsUser"] == uid
    assert pod_ctx["fsGroup"] == uid, "fsGroup makes the data volumes writable for the app user"


@pytest.mark.parametrize("workload", WORKLOADS, ids=_doc_id)
def test_workload_resources_and_probes(workload: Doc) -> None:
    for container in workload["spec"]["template"]["spec"]["containers"]:
        where = f"{_doc_id(workload)}/{container['name']}"
        resources = container.get("resources", {})
        for bound in ("requests", "limits"):
            assert {"cpu", "memory"} <= set(resources.get(bound, {})), f"{where}: {bound} cpu+memory"
        if container["name"] != "metrics":  # exporter sidecars are covered by the main container
            assert "livenessProbe" in container, where
            assert "readinessProbe" in container, where


@pytest.mark.parametrize("workload", WORKLOADS, ids=_doc_id)
def test_workload_has_writable_tmp_and_declared_volumes(workload: Doc) -> None:
    pod = workload["spec"]["template"]["spec"]
    declared = {v["name"] for v in pod.get("volumes", [])}
    declared |= {t["metadata"]["name"] for t in workload["spec"].get("volumeClaimTemplates", [])}
    main = pod["containers"][0]
    assert "/tmp" in {m["mountPath"] for m in main.get("volumeMounts", [])}, "read-only root needs /tmp"
    for container in _containers(workload):
        for mount in container.get("volumeMounts", []):
            assert mount["name"] in declared, f"{_doc_id(workload)}: undeclared volume {mount['name']}"


@pytest.mark.parametrize("workload", WORKLOADS, ids=_doc_id)
def test_workload_selector_matches_template(workload: Doc) -> None:
    selector = workload["spec"]["selector"]["matchLabels"]
    labels = workload["spec"]["template"]["metadata"]["labels"]
    assert selector.items() <= labels.items()


def _iter_refs(node: Any) -> Iterator[tuple[str, Doc]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("secretKeyRef", "configMapKeyRef", "secretRef", "configMapRef", "secret", "configMap"):
                yield key, value
            yield from _iter_refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _iter_refs(item)


@pytest.mark.parametrize("workload", WORKLOADS, ids=_doc_id)
def test_configmap_and_secret_references_resolve(workload: Doc) -> None:
    for kind, ref in _iter_refs(workload["spec"]["template"]):
        if ref.get("optional"):
            continue
        if kind in ("secretKeyRef", "secretRef", "secret"):
            name = ref.get("name") or ref.get("secretName")
            secret = _find(BASE_DOCS, "Secret", str(name))
            if kind == "secretKeyRef":
                assert ref["key"] in _secret_keys(secret), f"{_doc_id(workload)}: Secret key {ref['key']}"
        else:
            configmap = _find(BASE_DOCS, "ConfigMap", ref["name"])
            if kind == "configMapKeyRef":
                assert ref["key"] in configmap["data"], f"{_doc_id(workload)}: ConfigMap key {ref['key']}"


@pytest.mark.parametrize("workload", WORKLOADS, ids=_doc_id)
def test_env_var_expansions_are_defined(workload: Doc) -> None:
    config = _find(BASE_DOCS, "ConfigMap", CONFIGMAP)["data"]
    for container in _containers(workload):
        defined: set[str] = set()
        for source in container.get("envFrom", []):
            if "configMapRef" in source:
                defined |= set(_find(BASE_DOCS, "ConfigMap", source["configMapRef"]["name"])["data"])
        for entry in container.get("env", []):
            for ref in re.findall(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", entry.get("value", "")):
                assert ref in defined, f"{_doc_id(workload)}: $({ref}) used before it is defined"
            defined.add(entry["name"])
        for arg in container.get("command", []) + container.get("args", []):
            for ref in re.findall(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", arg):
                assert ref in defined or ref in config, f"{_doc_id(workload)}: $({ref}) undefined"


def test_services_select_pods_and_named_ports_exist() -> None:
    for service in (d for d in BASE_DOCS if d["kind"] == "Service"):
        selector = service["spec"]["selector"]
        pods = [w for w in WORKLOADS if selector.items() <= w["spec"]["template"]["metadata"]["labels"].items()]
        assert pods, f"{_doc_id(service)} selects no pods"
        port_names = {
            p.get("name") for w in pods for c in w["spec"]["template"]["spec"]["containers"] for p in c.get("ports", [])
        }
        for port in service["spec"]["ports"]:
            target = port.get("targetPort", port["port"])
            if isinstance(target, str):
                assert target in port_names, f"{_doc_id(service)}: unknown targetPort {target}"


# --------------------------------------------------------------------------
# Infrastructure
# --------------------------------------------------------------------------


def test_statefulsets_have_headless_governing_services_and_storage() -> None:
    for name in INFRA:
        sts = _find(BASE_DOCS, "StatefulSet", name)
        governing = _find(BASE_DOCS, "Service", sts["spec"]["serviceName"])
        assert governing["spec"].get("clusterIP") == "None"
        assert sts["spec"].get("volumeClaimTemplates"), f"{name} needs persistent storage"


def test_nats_runs_jetstream_on_persistent_storage() -> None:
    sts = _find(BASE_DOCS, "StatefulSet", "nats")
    nats = next(c for c in sts["spec"]["template"]["spec"]["containers"] if c["name"] == "nats")
    assert nats["image"].startswith("nats:2.")
    args = " ".join(nats.get("command", []) + nats.get("args", []))
    assert re.search(r"(^|\s)(-js|--jetstream)(\s|$)", args)
    store = re.search(r"(?:-sd|--store_dir)[= ](\S+)", args)
    assert store, "JetStream needs an explicit store dir"
    claims = {t["metadata"]["name"] for t in sts["spec"]["volumeClaimTemplates"]}
    mounts = [m for m in nats["volumeMounts"] if m["name"] in claims]
    assert any(store.group(1).startswith(m["mountPath"]) for m in mounts), "store dir must be on the PVC"
    ports = {p["containerPort"] for c in sts["spec"]["template"]["spec"]["containers"] for p in c["ports"]}
    assert {4222, 8222} <= ports
    _find(BASE_DOCS, "Service", "nats")


def test_postgres_uses_pgvector_and_initdb_matches_compose() -> None:
    sts = _find(BASE_DOCS, "StatefulSet", "postgres")
    (container,) = sts["spec"]["template"]["spec"]["containers"]
    assert container["image"] == "pgvector/pgvector:pg16"
    initdb = _find(BASE_DOCS, "ConfigMap", "postgres-initdb")
    assert initdb["data"][POSTGRES_INITDB_SQL.name] == POSTGRES_INITDB_SQL.read_text(encoding="utf-8")


def test_qdrant_image_matches_compose_version() -> None:
    sts = _find(BASE_DOCS, "StatefulSet", "qdrant")
    (container,) = sts["spec"]["template"]["spec"]["containers"]
    compose = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))["services"]
    assert container["image"].removesuffix("-unprivileged") == compose["qdrant"]["image"]
    assert compose["nats"]["image"] == next(
        c["image"]
        for c in _find(BASE_DOCS, "StatefulSet", "nats")["spec"]["template"]["spec"]["containers"]
        if c["name"] == "nats"
    )
    assert (
        compose["postgres"]["image"]
        == _find(BASE_DOCS, "StatefulSet", "postgres")["spec"]["template"]["spec"]["containers"][0]["image"]
    )


# --------------------------------------------------------------------------
# Secrets and network policy
# --------------------------------------------------------------------------


def test_base_secret_is_a_clearly_marked_template() -> None:
    secret = _find(BASE_DOCS, "Secret", SECRET)
    values = secret.get("stringData", {})
    assert values, "the template lists every key under stringData"
    assert "data" not in secret
    assert all(PLACEHOLDER in v for v in values.values()), "base Secret may only hold placeholders"
    header = (BASE_DIR / "secret.yaml").read_text(encoding="utf-8").split("apiVersion")[0]
    assert "TEMPLATE ONLY" in header, "secret.yaml must say up front that it is a template"


def test_production_overlay_replaces_the_secret_from_an_uncommitted_file() -> None:
    kustomization = _kustomization(PROD_DIR)
    (generator,) = [g for g in kustomization["secretGenerator"] if g["name"] == SECRET]
    assert generator["behavior"] == "replace"
    (env_file,) = generator["envs"]
    gitignore = (PROD_DIR / ".gitignore").read_text(encoding="utf-8").split()
    assert env_file in gitignore, f"{env_file} must be git-ignored"
    example = _env_file_keys(PROD_SECRETS_EXAMPLE)
    assert set(example) == _secret_keys(_find(BASE_DOCS, "Secret", SECRET))
    assert all(PLACEHOLDER in value for value in example.values())


def test_network_policies_only_open_the_gateway_to_everyone() -> None:
    policies = [d for d in BASE_DOCS if d["kind"] == "NetworkPolicy"]
    default_deny = [p for p in policies if p["spec"]["podSelector"] == {} and not p["spec"].get("ingress")]
    assert default_deny, "a default-deny ingress policy is required"
    for policy in policies:
        for rule in policy["spec"].get("ingress", []):
            if not rule.get("from"):
                assert policy["spec"]["podSelector"] == {"matchLabels": {"app.kubernetes.io/name": "gateway"}}, (
                    f"{_doc_id(policy)} opens a non-gateway pod to every source"
                )


# --------------------------------------------------------------------------
# Rendering with kustomize (only where a kustomize binary is available)
# --------------------------------------------------------------------------


def _kustomize_command() -> list[str] | None:
    if shutil.which("kustomize"):
        return ["kustomize", "build"]
    if shutil.which("kubectl"):
        return ["kubectl", "kustomize"]
    return None


def _render(directory: Path) -> list[Doc]:
    command = _kustomize_command()
    if command is None:
        pytest.skip("neither kustomize nor kubectl is installed")
    try:
        result = subprocess.run([*command, str(directory)], capture_output=True, text=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        pytest.skip(f"{command[0]} did not finish in time")
    assert result.returncode == 0, result.stderr
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


def _validate_all(docs: list[Doc]) -> None:
    for doc in docs:
        try:
            kubernetes_validate.validate(doc, K8S_VERSIONS[0], strict=True)
        except kubernetes_validate.ValidationError as exc:
            pytest.fail(f"rendered {_doc_id(doc)} invalid: {'.'.join(map(str, exc.path))}: {exc.message}")


def test_base_renders_with_kustomize() -> None:
    docs = _render(BASE_DIR)
    _validate_all(docs)
    deployments = {d["metadata"]["name"] for d in docs if d["kind"] == "Deployment"}
    assert set(SERVICES) <= deployments


def test_production_overlay_renders_with_real_secrets(tmp_path: Path) -> None:
    if _kustomize_command() is None:
        pytest.skip("neither kustomize nor kubectl is installed")
    copy = tmp_path / "k8s"
    shutil.copytree(K8S_DIR, copy, ignore=shutil.ignore_patterns("secrets.env"))
    fake = {key: f"test-{key.lower()}-value" for key in _env_file_keys(PROD_SECRETS_EXAMPLE)}
    (copy / "overlays" / "production" / "secrets.env").write_text(
        "".join(f"{key}={value}\n" for key, value in fake.items()), encoding="utf-8"
    )
    docs = _render(copy / "overlays" / "production")
    _validate_all(docs)

    namespace = _kustomization(PROD_DIR)["namespace"]
    for doc in docs:
        if doc["kind"] != "Namespace":
            assert doc["metadata"].get("namespace") == namespace, _doc_id(doc)

    secret = _find(docs, "Secret", SECRET)
    assert "stringData" not in secret
    assert set(secret["data"]) == set(fake)
    assert PLACEHOLDER not in yaml.safe_dump_all(docs)

    image = next(i for i in _kustomization(PROD_DIR)["images"] if i["name"] == "talent-connect")
    for name in SERVICES:
        deployment = _find(docs, "Deployment", name)
        (container,) = deployment["spec"]["template"]["spec"]["containers"]
        assert container["image"] == f"{image['newName']}:{image['newTag']}"
    assert _find(docs, "Deployment", "gateway")["spec"]["replicas"] >= 2
