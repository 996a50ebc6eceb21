# Sourced by scripts/serve, scripts/test and scripts/bench: make sure a virtualenv exists and holds
# exactly what a lock file says. A fresh machine needs only python3 (>= 3.11) with venv; everything
# else comes from the registry, by exact version and hash (requirements/*.txt, made by scripts/lock).
#
#   ensure_venv ROOT [LOCK]          LOCK: requirements/dev.txt (default) or requirements/runtime.txt
#   ensure_latest_venv ROOT DIR      the newest versions pyproject.toml allows, in DIR (scripts/test --latest)
ensure_venv() {
  local root="$1" lock venv python="${PYTHON:-python3}" stamp want
  lock="$root/${2:-requirements/dev.txt}"
  venv="$root/.venv"
  stamp="$venv/.lock.sha256"
  want=$(cat "$lock" "$root/pyproject.toml" | sha256sum | cut -d' ' -f1)
  if [ ! -x "$venv/bin/python" ]; then
    echo "creating .venv" >&2
    "$python" -m venv "$venv"
  fi
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "installing stuf-rzs and the locked dependencies (${lock#"$root"/}) into .venv" >&2
    # --no-deps: the lock lists every package; --require-hashes: nothing else gets in.
    "$venv/bin/python" -m pip install -q --require-hashes --no-deps -r "$lock" >&2
    "$venv/bin/python" -m pip install -q --no-deps --no-build-isolation -e "$root" >&2
    "$venv/bin/python" -m pip check >&2
    echo "$want" > "$stamp"
  fi
}

ensure_latest_venv() {
  local root="$1" venv="$2" python="${PYTHON:-python3}"
  if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
  fi
  echo "installing the newest versions pyproject.toml allows into ${venv#"$root"/}" >&2
  "$venv/bin/python" -m pip install -q --upgrade pip >&2
  "$venv/bin/python" -m pip install -q --upgrade --upgrade-strategy eager -e "$root[dev]" >&2
  "$venv/bin/python" -m pip list --format=freeze 2>/dev/null | grep -v -i '^stuf-rzs' > "$venv/versies.txt"
  echo "newest allowed versions: $(tr '\n' ' ' < "$venv/versies.txt")" >&2
}
