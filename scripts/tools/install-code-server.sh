#!/usr/bin/env bash
# Installs code-server (VS Code 1.100.3 for the browser) without internet access other than the npm
# registry, following ../shared/reference/vscode-testing.md. Its own install script downloads ripgrep
# and fails offline, so this does that script's work by hand.
#
#   install-code-server.sh <target-dir>
#
# The install is built in a temporary folder beside <target-dir> and moved into place only when
# complete, so an interrupted run never leaves a half-installed code-server that looks usable.
set -euo pipefail

VERSION=4.100.3
target=${1:?usage: install-code-server.sh <target-dir>}
if [ -f "$target/.complete" ]; then
  exit 0
fi

parent=$(dirname "$target")
mkdir -p "$parent"
work=$(mktemp -d "$parent/.code-server-install.XXXXXX")
trap 'rm -rf "$work"' EXIT

export npm_config_unsafe_perm=true
export npm_config_yes=true
export npm_config_audit=false
export npm_config_fund=false
export npm_config_update_notifier=false
# npm 11 runs a dependency's build scripts only when approved; these rebuilds are the point.
export npm_config_dangerously_allow_all_scripts=true

log() { printf '[code-server] %s\n' "$*"; }

log "installing code-server@$VERSION into $target (takes about two minutes)"
cd "$work"
echo '{"name":"code-server-cache","private":true}' > package.json
npm install --ignore-scripts --no-save --loglevel=error "code-server@$VERSION" >/dev/null

cs="$work/node_modules/code-server"
log "rebuilding argon2"
# argon2 is hoisted next to code-server, so it is rebuilt from the install root.
npm rebuild argon2 --loglevel=error >/dev/null

log "installing VS Code server dependencies"
(cd "$cs/lib/vscode" && npm install --omit=dev --ignore-scripts --loglevel=error >/dev/null)
log "rebuilding native modules"
(cd "$cs/lib/vscode" && npm rebuild @parcel/watcher @vscode/spdlog node-pty native-watchdog @vscode/deviceid kerberos --loglevel=error >/dev/null)

log "placing ripgrep"
rg_bin=$(command -v rg || true)
rg_dest="$cs/lib/vscode/node_modules/@vscode/ripgrep/bin"
mkdir -p "$rg_dest"
if [ -n "$rg_bin" ]; then
  cp "$rg_bin" "$rg_dest/rg"
else
  # No Debian ripgrep: take the binary shipped inside the npm package instead.
  (cd "$work" && npm install --no-save --ignore-scripts --loglevel=error @vscode/ripgrep-linux-x64 >/dev/null)
  cp "$(find "$work/node_modules/@vscode/ripgrep-linux-x64" -type f -name rg | head -n 1)" "$rg_dest/rg"
fi
chmod +x "$rg_dest/rg"

log "linking helpers"
ln -sfn node_modules "$cs/lib/vscode/node_modules.asar"
(cd "$cs/lib/vscode/bin/remote-cli" && ln -sfn code-linux.sh code-server)
(cd "$cs/lib/vscode/bin/helpers" && ln -sfn browser-linux.sh browser.sh)
log "installing built-in extensions' dependencies"
(cd "$cs/lib/vscode/extensions" && npm install --omit=dev --ignore-scripts --loglevel=error >/dev/null)

log "checking: $(XDG_CONFIG_HOME="$work/.config" node "$cs/out/node/entry.js" --version | head -n 1)"

touch "$work/.complete"
rm -rf "$target"
mv "$work" "$target"
trap - EXIT
log "ready: $target/node_modules/code-server"
