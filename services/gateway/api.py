"""The gateway's own endpoints: liveness, readiness of every service, metrics, and the merged API docs."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from services.gateway.domain.openapi import merge_openapi
from services.gateway.runtime import GatewayRuntime, gateway_of

router = APIRouter()

Gateway = Annotated[GatewayRuntime, Depends(gateway_of)]

API_TITLE = "Talent Connect API"
API_DESCRIPTION = (
    "Every endpoint a client may call, served through the gateway. Sign in with "
    "`POST /api/v1/auth/login` and send the access token as `Authorization: Bearer <token>`."
)
# Swagger UI's files are served from the swagger-ui-bundle package, so /docs works offline.
DOCS_ASSETS = "/docs/assets"
DOCS_HTML = bytes(
    get_swagger_ui_html(
        openapi_url="/openapi.json",
        title=API_TITLE,
        swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
        swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
        swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png",
        # No calls to the public validator service: the docs page talks to this origin only.
        swagger_ui_parameters={"validatorUrl": None},
    ).body
).decode()


@router.get("/healthz", include_in_schema=False)
async def healthz() -> dict[str, str]:
    """Liveness: the gateway process answers."""
    return {"status": "ok"}


@router.get("/readyz", include_in_schema=False)
async def readyz(gateway: Gateway) -> JSONResponse:
    """Readiness: 200 only when every upstream service reports ready and revocations are replayed.

    Until the replay of recent revocations has caught up, a revoked session could still pass. NATS
    being away does not make the gateway unready: rate limits fail open and revocations resume.
    """
    services = await gateway.upstreams.readiness()
    own = {"revocations_replayed": gateway.revocations.caught_up.is_set(), "nats_connected": gateway.nc.is_connected}
    ready = own["revocations_replayed"] and all(state["ready"] for state in services.values())
    return JSONResponse(
        {"status": "ready" if ready else "not_ready", "gateway": own, "services": services},
        status_code=200 if ready else 503,
    )


@router.get("/metrics", include_in_schema=False)
async def metrics() -> Response:
    """Prometheus metrics."""
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


@router.get("/openapi.json", include_in_schema=False)
async def openapi(gateway: Gateway) -> dict[str, Any]:
    """The public API: the services' documents merged, limited to the route table, with access rules."""
    documents = await gateway.upstreams.openapi_documents()
    return merge_openapi(documents, title=API_TITLE, description=API_DESCRIPTION)


@router.get("/docs", include_in_schema=False)
async def docs() -> HTMLResponse:
    """Swagger UI over the merged document (its files are served by the gateway itself)."""
    return HTMLResponse(DOCS_HTML)
