"""One API document for clients: the services' OpenAPI documents merged, limited to the route table."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any, Final

from services.gateway.domain.routes import ROUTES, Route, route_for_operation

HTTP_METHODS: Final = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Every service serves these for its operators; they are not part of the public API.
OPERATIONAL_PATHS: Final = frozenset({"/healthz", "/readyz", "/metrics"})
BEARER_SCHEME: Final = {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}
_REF_PREFIX: Final = "#/components/"


def _rewrite_refs(node: Any, renames: Mapping[str, str]) -> Any:
    """A copy of `node` whose `$ref`s to renamed components point at the new names."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value in renames:
                out[key] = renames[value]
            else:
                out[key] = _rewrite_refs(value, renames)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(item, renames) for item in node]
    return node


def _component_renames(
    service: str, components: Mapping[str, Any], merged: Mapping[str, Mapping[str, Any]]
) -> dict[str, str]:
    """`$ref` renames that keep `service`'s components from clobbering different ones of the same name.

    A component equal to one already merged is shared; a different one is renamed `<service>.<Name>`.
    Renaming one can make another that refers to it differ too, so this runs to a fixed point.
    """
    renames: dict[str, str] = {}
    changed = True
    while changed:
        changed = False
        for section, items in components.items():
            if not isinstance(items, dict):
                continue
            for name, definition in items.items():
                ref = f"{_REF_PREFIX}{section}/{name}"
                if ref in renames or name not in merged.get(section, {}):
                    continue
                if merged[section][name] != _rewrite_refs(definition, renames):
                    renames[ref] = f"{_REF_PREFIX}{section}/{service}.{name}"
                    changed = True
    return renames


def _access_note(route: Route) -> str:
    if route.is_public:
        return "**Access:** public, no token needed."
    return f"**Access:** bearer token with role {', '.join(route.roles)}."


def _gated(operation: dict[str, Any], route: Route) -> dict[str, Any]:
    """`operation` as the gateway serves it: its security and who may call it, stated."""
    note = _access_note(route)
    description = operation.get("description", "")
    operation["description"] = f"{description}\n\n{note}" if description else note
    operation["x-roles"] = list(route.roles) if not route.is_public else [route.access]
    operation["security"] = [] if route.is_public else [{"bearerAuth": []}]
    responses = operation.setdefault("responses", {})
    if not route.is_public:
        responses.setdefault("401", {"description": "No valid bearer token."})
        responses.setdefault("403", {"description": f"The caller's role is not one of {', '.join(route.roles)}."})
    return operation


def merge_openapi(
    specs: Mapping[str, Mapping[str, Any]],
    *,
    routes: Sequence[Route] = ROUTES,
    title: str = "Talent Connect API",
    version: str = "1.0.0",
    description: str = "",
) -> dict[str, Any]:
    """The public API document: each service's operations that have a rule in `routes`, merged."""
    paths: dict[str, dict[str, Any]] = {}
    components: dict[str, dict[str, Any]] = {}
    tags: dict[str, dict[str, Any]] = {}
    openapi_version = "3.1.0"
    for service in sorted(specs):
        spec = specs[service]
        openapi_version = str(spec.get("openapi", openapi_version))
        renames = _component_renames(service, spec.get("components", {}), components)
        spec = _rewrite_refs(copy.deepcopy(dict(spec)), renames)
        for section, items in dict(spec.get("components", {})).items():
            if not isinstance(items, dict):
                continue
            for name, definition in items.items():
                new_ref = renames.get(f"{_REF_PREFIX}{section}/{name}", f"{_REF_PREFIX}{section}/{name}")
                components.setdefault(section, {})[new_ref.rsplit("/", 1)[1]] = definition
        for path, item in dict(spec.get("paths", {})).items():
            for method in HTTP_METHODS:
                operation = item.get(method)
                route = route_for_operation(service, method, path, routes)
                if operation is None or route is None:
                    continue
                merged_item = paths.setdefault(path, {})
                if "parameters" in item:
                    merged_item.setdefault("parameters", item["parameters"])
                merged_item[method] = _gated(operation, route)
                for tag in operation.get("tags", []):
                    tags.setdefault(tag, {"name": tag})
        for tag in spec.get("tags", []):
            if isinstance(tag, dict) and "name" in tag:
                tags[tag["name"]] = tag
    components.setdefault("securitySchemes", {})["bearerAuth"] = dict(BEARER_SCHEME)
    document: dict[str, Any] = {
        "openapi": openapi_version,
        "info": {"title": title, "version": version, "description": description},
        "paths": dict(sorted(paths.items())),
        "components": components,
    }
    used_tags = [tags[name] for name in sorted(tags) if any(name in op.get("tags", []) for op in _operations(paths))]
    if used_tags:
        document["tags"] = used_tags
    return document


def _operations(paths: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [item[method] for item in paths.values() for method in HTTP_METHODS if method in item]


def unrouted_operations(
    service: str, spec: Mapping[str, Any], routes: Sequence[Route] = ROUTES
) -> list[tuple[str, str]]:
    """(METHOD, path) of each operation `service` documents that has no rule in `routes`."""
    missing = []
    for path, item in spec.get("paths", {}).items():
        if path in OPERATIONAL_PATHS:
            continue
        for method in HTTP_METHODS:
            if method in item and route_for_operation(service, method, path, routes) is None:
                missing.append((method.upper(), path))
    return missing


def undocumented_routes(service: str, spec: Mapping[str, Any], routes: Sequence[Route] = ROUTES) -> list[Route]:
    """Rules in `routes` for `service` that its document has no operation for (a renamed or missing route)."""
    documented = {
        (method.upper(), path)
        for path, item in spec.get("paths", {}).items()
        for method in HTTP_METHODS
        if method in item
    }
    return [
        route
        for route in routes
        if route.service == service
        and not any(route_for_operation(service, method, path, [route]) is not None for method, path in documented)
    ]
