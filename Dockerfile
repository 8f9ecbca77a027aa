# syntax=docker/dockerfile:1.7
#
# Talent Connect: one image for every service of the monorepo.
# Pick the service with the command, e.g. `python -m services.matcher`
# (docker-compose.yml and deploy/k8s do this); the default is the gateway.
#
#   docker build -t talent-connect:local .
#
# Stage 1 (builder) installs everything into a virtualenv at /opt/venv;
# stage 2 (runtime) copies only that virtualenv onto a clean slim base, so no
# pip cache, build files or source tree end up in the final image.
# Needs BuildKit (the default builder of current Docker) for the cache mounts.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

############################ builder ##########################################
FROM ${PYTHON_IMAGE} AS builder

# Must match the torch pin in pyproject.toml (tests/deploy checks this).
# The CPU index keeps the ~2 GiB CUDA wheels and nvidia-* packages out.
ARG TORCH_VERSION=2.13.0
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu

ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH

RUN python -m venv /opt/venv

WORKDIR /src

# 1. torch from the CPU-only index, first, so the resolver never picks the CUDA
#    build from PyPI (2.13.0+cpu satisfies the `torch==2.13.0` pin later on).
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install "torch==${TORCH_VERSION}" --index-url "${TORCH_INDEX_URL}"

# 2. Third-party dependencies, read from pyproject.toml (the only place they are
#    pinned). This layer is rebuilt only when pyproject.toml changes.
COPY pyproject.toml README.md ./
RUN --mount=type=cache,target=/root/.cache/pip \
    python -c "import tomllib; deps = tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']; open('/tmp/requirements.txt', 'w').write('\n'.join(deps) + '\n')" \
    && pip install -r /tmp/requirements.txt

# 3. The project itself (`pip install .`); its dependencies are already in place.
COPY contracts ./contracts
COPY talentkit ./talentkit
COPY services ./services
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install --no-deps . \
    && pip check \
    && python -c "import torch; assert not torch.version.cuda, 'CUDA torch build in image'"

############################ runtime ##########################################
FROM ${PYTHON_IMAGE} AS runtime

# Fixed, non-root identity. Kubernetes manifests use the same numbers
# (runAsUser/runAsGroup/fsGroup: 10001) and tests/deploy checks they agree.
ARG APP_UID=10001
ARG APP_GID=10001

LABEL org.opencontainers.image.title="talent-connect" \
      org.opencontainers.image.description="Talent Connect services (gateway, identity, ingest, matcher, jobs, interviews, audit)" \
      org.opencontainers.image.licenses="Apache-2.0"

# - The embedding model ships inside a Python package: never call the HF Hub.
# - The root filesystem is read-only in production; only /tmp (and the data
#   volumes below /var/lib/talent-connect) are writable, so caches go to /tmp.
ENV VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONFAULTHANDLER=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    HF_HUB_DISABLE_TELEMETRY=1 \
    HOME=/tmp \
    HF_HOME=/tmp/huggingface \
    XDG_CACHE_HOME=/tmp/.cache \
    TC_ENV=prod \
    VAR_DIR=/tmp/talent-connect \
    INGEST_STORAGE_DIR=/var/lib/talent-connect/uploads \
    IDENTITY_SIGNING_KEY_DIR=/var/lib/talent-connect/keys

# Mount points for persistent data are created here, owned by the app user, so
# fresh Docker named volumes inherit that ownership.
RUN groupadd --system --gid "${APP_GID}" talent \
    && useradd --system --uid "${APP_UID}" --gid "${APP_GID}" \
        --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin talent \
    && install -d -o "${APP_UID}" -g "${APP_GID}" -m 0750 \
        /var/lib/talent-connect \
        /var/lib/talent-connect/uploads \
        /var/lib/talent-connect/keys

COPY --from=builder /opt/venv /opt/venv

WORKDIR /app

USER 10001:10001

# gateway identity ingest matcher jobs interviews audit
EXPOSE 8000 8001 8002 8003 8004 8005 8006

CMD ["python", "-m", "services.gateway"]
