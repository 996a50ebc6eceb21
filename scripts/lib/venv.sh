# Sourced by scripts/serve and scripts/test: make sure .venv exists and matches pyproject.toml.
# A fresh machine needs only python3 (>= 3.11) with venv; everything else comes from the registry.
ensure_venv() {
  local root="$1" python="${PYTHON:-python3}"
  local stamp="$root/.venv/.pyproject.sha256"
  local want
  want=$(sha256sum "$root/pyproject.toml" | cut -d' ' -f1)
  if [ ! -x "$root/.venv/bin/python" ]; then
    echo "creating .venv" >&2
    "$python" -m venv "$root/.venv"
  fi
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "installing stuf-rzs and its dependencies into .venv" >&2
    "$root/.venv/bin/python" -m pip install -q --upgrade pip >&2
    "$root/.venv/bin/python" -m pip install -q -e "$root[dev]" >&2
    echo "$want" > "$stamp"
  fi
}
