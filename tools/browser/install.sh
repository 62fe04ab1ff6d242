#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests if it is missing (idempotent, quick when present).
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
