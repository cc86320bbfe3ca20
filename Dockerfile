# Quotebot: wheels are built in a throwaway stage; the final stage holds one virtualenv, runs as a
# non-root user and reports its health from the heartbeat file the running bot touches.
# `--build-arg EXTRAS=semantic` builds the optional semantic extra in (README, "The semantic image").

FROM python:3.11-slim AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
# Dependencies first, from pyproject.toml alone, so editing the code reuses this layer.
COPY pyproject.toml ./
RUN python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"], sep="\n")' \
        > requirements.txt \
 && pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt
# Optional extras (`--build-arg EXTRAS=semantic`) get a layer of their own, so an extras build reuses the layer above.
# torch comes from TORCH_INDEX, PyTorch's CPU-only builds: PyPI's Linux torch wheels pull in GBs of CUDA libraries.
ARG EXTRAS=""
ARG TORCH_INDEX=https://download.pytorch.org/whl/cpu
RUN if [ -n "$EXTRAS" ]; then \
      python -c 'import os, tomllib; optional = tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]; \
print(*(d for extra in os.environ["EXTRAS"].split(",") for d in optional[extra.strip()]), sep="\n")' \
        > extras.txt \
   && pip wheel --no-cache-dir --wheel-dir /wheels --find-links /wheels --extra-index-url "$TORCH_INDEX" \
        -r requirements.txt -r extras.txt; \
    fi
COPY README.md ./
COPY bot ./bot
COPY config ./config
COPY retrieval ./retrieval
# The quotebot wheel carries the bundled corpus as package data of retrieval.default_corpus. Wheels such as
# numpy's ship their own test suites (about 18 MB) that nothing imports at run time: drop them, and with the semantic
# extra torch's C++ tests and headers too (about 145 MB; the headers serve only to compile extensions).
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels . \
 && python -m venv --without-pip /opt/quotebot \
 && pip --python /opt/quotebot/bin/python install --no-cache-dir --no-index --find-links /wheels "quotebot${EXTRAS:+[$EXTRAS]}" \
 && find /opt/quotebot -depth -type d \( -name tests -o -path '*/torch/test' -o -path '*/torch/include' \) -exec rm -rf {} +

FROM python:3.11-slim
LABEL org.opencontainers.image.title="quotebot" \
      org.opencontainers.image.description="Answers questions about news articles with verbatim, cited quotes."
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/quotebot/bin:$PATH \
    QUOTEBOT_HEARTBEAT_FILE=/tmp/quotebot-heartbeat
RUN useradd --uid 10001 --user-group --create-home --home-dir /home/quotebot --shell /usr/sbin/nologin quotebot
COPY --from=builder /opt/quotebot /opt/quotebot
# With an extra, the semantic model loads from site-packages: the Hugging Face libraries must never try the hub.
# (Without an extra it is empty, which they read as off; nothing in the default image reads it.)
ARG EXTRAS=""
ENV HF_HUB_OFFLINE=${EXTRAS:+1}
# Numeric, so that runtimes enforcing runAsNonRoot can verify it without reading /etc/passwd.
USER 10001:10001
WORKDIR /home/quotebot
# Polling opens no port to probe; the bot touches the heartbeat file every 30 s instead, and the check reads
# only that file, so the token never appears on a command line.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 CMD ["quotebot", "health"]
CMD ["quotebot", "telegram"]
