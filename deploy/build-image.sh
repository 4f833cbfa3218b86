#!/usr/bin/env bash
# Build (and optionally push) the Hisab image: deploy/build-image.sh [TAG] [--push]
# Needs Docker with BuildKit (Docker 23+), which reads deploy/Dockerfile.dockerignore.
set -euo pipefail
cd "$(dirname "$0")/.."

tag="${1:-hisab:$(git describe --tags --always --dirty 2>/dev/null || echo dev)}"
docker build --file deploy/Dockerfile --tag "$tag" .
docker run --rm --entrypoint hisab "$tag" --help >/dev/null
echo "built $tag"
if [[ "${2:-}" == "--push" ]]; then
    docker push "$tag"
fi
