# syntax=docker/dockerfile:1
# osi-bot: build a wheel, then install it into a slim runtime that runs as a non-root user.
#
#   docker build -t osi-bot .
#   docker run --rm osi-bot ask "what layer is envoy?"
#   docker run --rm -p 3000:3000 --env-file .env osi-bot          # Slack, HTTP mode
#
# The same image runs every role: `slack` (the default), `discord`, `daily post --platform ...`.

# ---- build: dependency wheels first (cached until pyproject.toml changes), our wheel last ----
FROM python:3.11-slim-trixie AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

WORKDIR /src

# The build backend lives in the build stage only; the runtime never sees it.
RUN pip install --no-cache-dir "hatchling==1.33.0"

COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > requirements.txt \
    && pip wheel --no-cache-dir --wheel-dir /wheels --requirement requirements.txt

COPY README.md ./
COPY knowledge/ knowledge/
COPY bot/ bot/
# The wheel bundles knowledge/layers.yaml as bot/data/layers.yaml (pyproject's force-include).
RUN pip wheel --no-cache-dir --no-deps --no-build-isolation --wheel-dir /wheels .

# ---- runtime: the wheels installed offline, nothing else ----
FROM python:3.11-slim-trixie AS runtime

LABEL org.opencontainers.image.title="osi-bot" \
      org.opencontainers.image.description="Which OSI layer does a Kubernetes networking tool work at? On Slack, Discord and the terminal." \
      org.opencontainers.image.licenses="MIT"

# OSI_CACHE_DIR empty: no parsed-knowledge cache, so nothing is written outside the state
# volume and the container runs with a read-only root filesystem.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    OSI_STATE_DIR=/var/lib/osi-bot \
    OSI_CACHE_DIR="" \
    PORT=3000

# Not --system: useradd warns about a system account's UID above 999.
RUN groupadd --gid 10001 osi \
    && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin osi \
    && mkdir -p /var/lib/osi-bot \
    && chown 10001:10001 /var/lib/osi-bot

# A bind mount, not COPY: the wheels never become a layer of the final image. pip still
# byte-compiles the installed modules, so start-up needs no writable __pycache__.
RUN --mount=type=bind,from=build,source=/wheels,target=/wheels \
    pip install --no-cache-dir --no-index --find-links=/wheels /wheels/osi_bot-*.whl

USER 10001:10001

# The SQLite record of posted layers of the day: keep it across restarts and upgrades.
VOLUME ["/var/lib/osi-bot"]

# Slack's HTTP mode (PORT). OSI_HEALTH_PORT, when set, serves /healthz for Socket Mode and
# Discord as well.
EXPOSE 3000

# Meaningful in Slack HTTP mode or with OSI_HEALTH_PORT set; other roles (one-shot commands,
# Socket Mode without a health port) have no /healthz. The slim image has no curl, hence Python.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; port = os.environ.get('OSI_HEALTH_PORT') or os.environ.get('PORT') or '3000'; urllib.request.urlopen('http://127.0.0.1:' + port + '/healthz', timeout=3)"]

ENTRYPOINT ["osi-bot"]
CMD ["slack"]
