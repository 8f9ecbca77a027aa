"""Static checks of the Prometheus, alerting and Grafana configuration.

PromQL is parsed with promql-parser when it is installed, so syntax errors and
references to metrics the services do not export are caught offline; without
it the structural checks still run.
"""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from talentkit.settings import SERVICE_PORTS  # the ports the code defaults to are the ones deployed

pytestmark = pytest.mark.unit

REPO_ROOT = Path(__file__).resolve().parents[2]
PROMETHEUS_DIR = REPO_ROOT / "deploy" / "prometheus"
PROMETHEUS_CONFIGS = (PROMETHEUS_DIR / "prometheus.yml", PROMETHEUS_DIR / "prometheus-kubernetes.yml")
ALERTS = PROMETHEUS_DIR / "alerts.yml"
GRAFANA_DIR = REPO_ROOT / "deploy" / "grafana"
DASHBOARD = GRAFANA_DIR / "dashboards" / "talent-connect.json"
DATASOURCES = GRAFANA_DIR / "provisioning" / "datasources" / "prometheus.yml"
DASHBOARD_PROVIDER = GRAFANA_DIR / "provisioning" / "dashboards" / "talent-connect.yml"
OBSERVABILITY_COMPOSE_FILE = REPO_ROOT / "deploy" / "compose.observability.yml"
K8S_BASE = REPO_ROOT / "deploy" / "k8s" / "base"


# Metrics exported by the services (talentkit/metrics.py, services/gateway/proxy.py).
_HISTOGRAMS = ("http_request_duration_seconds", "bus_handle_duration_seconds", "gateway_upstream_response_seconds")
APP_METRICS = frozenset(
    {
        "http_requests_total",
        "bus_messages_consumed_total",
        "outbox_pending_events",
        "outbox_published_total",
        "gateway_upstream_requests_total",
        *(f"{name}{suffix}" for name in _HISTOGRAMS for suffix in ("_bucket", "_count", "_sum")),
    }
)
# The metrics the brief requires alerts and dashboards to be built on.
CORE_METRICS = frozenset(
    {
        "http_requests_total",
        "http_request_duration_seconds_bucket",
        "bus_messages_consumed_total",
        "outbox_pending_events",
        "outbox_published_total",
    }
)
KNOWN_METRICS = APP_METRICS | {"up"}
SOURCE_DIRS = (REPO_ROOT / "talentkit", REPO_ROOT / "services")
CONSUMER_OUTCOMES = frozenset({"ok", "retry", "dead_letter", "duplicate"})
SEVERITIES = frozenset({"info", "warning", "critical"})
DURATION = re.compile(r"^(\d+(ms|s|m|h|d|w|y))+$")
GRAFANA_VARIABLES = {
    "$__rate_interval": "5m",
    "$__interval": "1m",
    "$__range": "1h",
    "${service}": ".*",
    "$service": ".*",
}
METRIC_NAME = re.compile(r"\b([a-z_][a-z0-9_]*)\s*(?=\{|\[)")

Doc = dict[str, Any]


def _load_yaml(path: Path) -> Doc:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path} is not a YAML mapping"
    return data


def _rules() -> list[Doc]:
    return [rule for group in _load_yaml(ALERTS)["groups"] for rule in group["rules"]]


def _dashboard() -> Doc:
    data = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _panels(dashboard: Doc) -> list[Doc]:
    """All panels, including those nested in collapsed rows."""
    panels: list[Doc] = []
    for panel in dashboard["panels"]:
        panels.append(panel)
        panels.extend(panel.get("panels", []))
    return panels


def _dashboard_exprs() -> list[str]:
    return [t["expr"] for p in _panels(_dashboard()) for t in p.get("targets", []) if "expr" in t]


def _substitute_grafana_variables(expr: str) -> str:
    for variable, value in GRAFANA_VARIABLES.items():
        expr = expr.replace(variable, value)
    assert "$" not in expr.replace("$labels", ""), f"unknown Grafana variable in {expr!r}"
    return expr


def _metric_names(expr: str) -> set[str]:
    """Metric names used by a PromQL expression (AST when promql-parser is available)."""
    try:
        promql_parser: Any = importlib.import_module("promql_parser")
    except ImportError:
        keywords = {"by", "without", "on", "ignoring", "group_left", "group_right", "offset", "bool"}
        return {name for name in METRIC_NAME.findall(expr) if name not in keywords}
    names: set[str] = set()

    def visit(node: Any) -> bool:
        if isinstance(node, promql_parser.VectorSelector) and node.name:
            names.add(node.name)
        return True

    promql_parser.walk(promql_parser.parse(expr), visit)
    return names


# --------------------------------------------------------------------------
# Prometheus scrape configuration
# --------------------------------------------------------------------------


@pytest.mark.parametrize("path", PROMETHEUS_CONFIGS, ids=lambda p: p.name)
def test_prometheus_config_structure(path: Path) -> None:
    config = _load_yaml(path)
    assert DURATION.match(config["global"]["scrape_interval"])
    for rule_file in config["rule_files"]:
        assert (path.parent / rule_file).is_file(), f"rule file {rule_file} missing"
    jobs = [job["job_name"] for job in config["scrape_configs"]]
    assert len(jobs) == len(set(jobs)), "duplicate job names"
    assert {"talent-connect", "nats"} <= set(jobs)


def test_compose_prometheus_scrapes_all_services_on_their_ports() -> None:
    config = _load_yaml(PROMETHEUS_CONFIGS[0])
    job = next(j for j in config["scrape_configs"] if j["job_name"] == "talent-connect")
    assert job.get("metrics_path", "/metrics") == "/metrics"
    scraped = {group["labels"]["service"]: target for group in job["static_configs"] for target in group["targets"]}
    assert scraped == {name: f"{name}:{port}" for name, port in SERVICE_PORTS.items()}
    nats = next(j for j in config["scrape_configs"] if j["job_name"] == "nats")
    targets = [t for group in nats["static_configs"] for t in group["targets"]]
    assert targets == ["nats-exporter:7777"]
    exporter = _load_yaml(OBSERVABILITY_COMPOSE_FILE)["services"]["nats-exporter"]
    assert any("nats:8222" in arg for arg in exporter["command"]), "exporter must read the NATS monitoring port"


def test_kubernetes_prometheus_keeps_the_pods_labelled_by_the_manifests() -> None:
    config = _load_yaml(PROMETHEUS_CONFIGS[1])
    job = next(j for j in config["scrape_configs"] if j["job_name"] == "talent-connect")
    keep = next(r for r in job["relabel_configs"] if r.get("action") == "keep")
    (source,) = keep["source_labels"]
    label = source.removeprefix("__meta_kubernetes_pod_label_")
    manifests = [d for p in K8S_BASE.glob("*.yaml") for d in yaml.safe_load_all(p.read_text()) if d]
    selected = {
        d["metadata"]["name"]
        for d in manifests
        if d["kind"] == "Deployment"
        and any(
            re.sub(r"[^a-zA-Z0-9_]", "_", key) == label and re.fullmatch(keep["regex"], value)
            for key, value in d["spec"]["template"]["metadata"]["labels"].items()
        )
    }
    assert selected == set(SERVICE_PORTS), f"the keep rule selects {sorted(selected)}"
    assert any(r.get("target_label") == "service" for r in job["relabel_configs"])


# --------------------------------------------------------------------------
# Alert rules
# --------------------------------------------------------------------------


def test_alert_rules_are_complete() -> None:
    rules = _rules()
    assert rules
    names = [rule["alert"] for rule in rules]
    assert len(names) == len(set(names)), "alert names must be unique"
    for rule in rules:
        assert "record" not in rule, "alerts.yml holds alerting rules only"
        name = rule["alert"]
        assert rule.get("expr", "").strip(), f"{name}: expr"
        assert DURATION.match(str(rule.get("for", ""))), f"{name}: `for` must be a duration"
        assert rule.get("labels", {}).get("severity") in SEVERITIES, f"{name}: labels.severity"
        annotations = rule.get("annotations", {})
        assert annotations.get("summary"), f"{name}: annotations.summary"
        assert annotations.get("description"), f"{name}: annotations.description"


@pytest.mark.parametrize("rule", _rules(), ids=lambda r: str(r["alert"]))
def test_alert_expression_parses_and_uses_known_metrics(rule: Doc) -> None:
    pytest.importorskip("promql_parser", reason="promql-parser checks PromQL syntax offline")
    names = _metric_names(rule["expr"])
    assert names, f"{rule['alert']} references no metric"
    assert names <= KNOWN_METRICS, f"{rule['alert']} uses unknown metrics {sorted(names - KNOWN_METRICS)}"


def _alert_matching(pattern: str) -> list[str]:
    return [rule["alert"] for rule in _rules() if re.search(pattern, rule["expr"], flags=re.DOTALL)]


def test_alerts_cover_the_required_failure_modes() -> None:
    assert _alert_matching(r"\bup\{[^}]*job=\"talent-connect\""), "service down"
    assert _alert_matching(r"http_requests_total\{[^}]*status=~\"5\.\.\""), "HTTP 5xx rate"
    assert _alert_matching(r"bus_messages_consumed_total\{[^}]*outcome=\"retry\""), "consumer redeliveries"
    assert _alert_matching(r"bus_messages_consumed_total\{[^}]*outcome=\"dead_letter\""), "dead letters"
    assert _alert_matching(r"outbox_pending_events"), "outbox backlog"
    assert _alert_matching(r"outbox_published_total"), "outbox relay stalled"


def test_alert_outcome_labels_are_valid() -> None:
    for rule in _rules():
        for outcome in re.findall(r'outcome=~?"([^"]+)"', rule["expr"]):
            assert set(outcome.split("|")) <= CONSUMER_OUTCOMES, f"{rule['alert']}: outcome {outcome}"


def test_alert_templates_only_use_grouped_labels() -> None:
    """`{{ $labels.x }}` must be a label the expression keeps (by-clause or raw series)."""
    for rule in _rules():
        groupings = re.findall(r"by \(([^)]*)\)", rule["expr"])
        if not groupings:
            continue
        kept = set.intersection(*({g.strip() for g in grouping.split(",")} for grouping in groupings))
        for text in rule["annotations"].values():
            for label in re.findall(r"\$labels\.([a-zA-Z_]+)", text):
                assert label in kept, f"{rule['alert']}: $labels.{label} is aggregated away"


# --------------------------------------------------------------------------
# Grafana
# --------------------------------------------------------------------------


def test_dashboard_metadata() -> None:
    dashboard = _dashboard()
    assert dashboard["uid"] == "talent-connect"
    assert dashboard["title"]
    assert isinstance(dashboard["schemaVersion"], int)
    assert dashboard["schemaVersion"] >= 36
    variables = {v["name"]: v for v in dashboard["templating"]["list"]}
    assert variables["datasource"]["type"] == "datasource"
    assert variables["datasource"]["query"] == "prometheus"
    assert "service" in variables


def test_dashboard_panels_are_well_formed() -> None:
    panels = _panels(_dashboard())
    ids = [p["id"] for p in panels]
    assert len(ids) == len(set(ids)), "panel ids must be unique"
    for panel in panels:
        grid = panel["gridPos"]
        assert {"h", "w", "x", "y"} <= set(grid), panel["title"]
        assert grid["x"] + grid["w"] <= 24, panel["title"]
        if panel["type"] == "row":
            continue
        assert panel["targets"], f"panel {panel['title']!r} has no queries"
        ref_ids = [t["refId"] for t in panel["targets"]]
        assert len(ref_ids) == len(set(ref_ids)), panel["title"]
        for target in panel["targets"]:
            assert target["datasource"]["uid"] == "${datasource}", panel["title"]


def test_dashboard_queries_use_the_service_metrics() -> None:
    exprs = _dashboard_exprs()
    used: set[str] = set()
    for expr in exprs:
        names = _metric_names(_substitute_grafana_variables(expr))
        assert names, f"query without a metric: {expr}"
        assert names <= KNOWN_METRICS, f"unknown metrics {sorted(names - KNOWN_METRICS)} in {expr}"
        used |= names
    assert used >= CORE_METRICS, f"dashboard does not chart {sorted(CORE_METRICS - used)}"


def test_dashboard_has_the_key_panels() -> None:
    exprs = _dashboard_exprs()
    assert any("histogram_quantile(0.95" in e and "http_request_duration_seconds_bucket" in e for e in exprs), "p95"
    assert any('status=~"5.."' in e for e in exprs), "5xx"
    assert any("by (outcome)" in e and "bus_messages_consumed_total" in e for e in exprs), "consumer outcomes"
    assert any("outbox_pending_events" in e for e in exprs), "outbox backlog"


def test_dashboard_queries_parse() -> None:
    promql_parser = pytest.importorskip("promql_parser", reason="promql-parser checks PromQL syntax offline")
    for expr in _dashboard_exprs():
        promql_parser.parse(_substitute_grafana_variables(expr))


def test_grafana_provisioning() -> None:
    datasources = _load_yaml(DATASOURCES)
    assert datasources["apiVersion"] == 1
    (prometheus,) = [d for d in datasources["datasources"] if d["type"] == "prometheus"]
    assert prometheus["uid"]
    assert prometheus["url"].startswith("http")
    assert prometheus.get("isDefault") is True

    providers = _load_yaml(DASHBOARD_PROVIDER)
    assert providers["apiVersion"] == 1
    (provider,) = providers["providers"]
    assert provider["type"] == "file"
    path = provider["options"]["path"]
    grafana = _load_yaml(OBSERVABILITY_COMPOSE_FILE)["services"]["grafana"]
    mounts: dict[str, str] = {}
    for volume in grafana["volumes"]:
        source, target = str(volume).split(":")[:2]
        mounts[source] = target
    assert mounts.get("./deploy/grafana/dashboards") == path, "provider path must be where the dashboards are mounted"
    assert mounts.get("./deploy/grafana/provisioning") == "/etc/grafana/provisioning"


def test_known_metrics_are_defined_in_the_python_sources() -> None:
    """Catch drift: a renamed metric would leave dashboards and alerts silently empty."""
    sources = "\n".join(
        path.read_text(encoding="utf-8")
        for directory in SOURCE_DIRS
        if directory.is_dir()
        for path in directory.rglob("*.py")
        if "tests" not in path.parts
    )
    if not sources:
        pytest.skip("no service sources to compare against")
    for metric in sorted(APP_METRICS):
        base = re.sub(r"_(bucket|count|sum)$", "", metric) if metric.startswith(_HISTOGRAMS) else metric
        assert f'"{base}"' in sources, f"{base} is charted or alerted on but no longer defined in the code"
