# Sourced by image-build.sh. `fn build`/`fn deploy` pass HTTP_PROXY and HTTPS_PROXY to the image
# build as build args (fnproject/cli, common/common.go, buildDockerCommand); the Dockerfile's build
# stage declares them. Maven reads its proxy from Java system properties here, in MAVEN_OPTS, as
# the Fn CLI's own Java Dockerfile does (fnproject/cli, langs/java.go, mavenOpts), with NO_PROXY
# as http.nonProxyHosts. A proxy URL's user and password are not passed on (Maven would need them
# in settings.xml).
proxy_host_port() {
  # http://user:pass@host:port/ -> host port (port empty when the URL has none)
  hp=${1#*://}
  hp=${hp%%/*}
  hp=${hp##*@}
  case $hp in
    *:*) echo "${hp%:*} ${hp##*:}" ;;
    *) echo "$hp " ;;
  esac
}

maven_proxy_opts() {
  opts=
  for scheme in http https; do
    if [ "$scheme" = http ]; then url=${HTTP_PROXY:-${http_proxy:-}}; else url=${HTTPS_PROXY:-${https_proxy:-}}; fi
    [ -n "$url" ] || continue
    set -- $(proxy_host_port "$url")
    opts="$opts -D$scheme.proxyHost=$1"
    [ -z "${2:-}" ] || opts="$opts -D$scheme.proxyPort=$2"
  done
  no_proxy_hosts=${NO_PROXY:-${no_proxy:-}}
  if [ -n "$opts" ] && [ -n "$no_proxy_hosts" ]; then
    opts="$opts -Dhttp.nonProxyHosts=$(echo "$no_proxy_hosts" | tr ',' '|')"
  fi
  echo "${opts# }"
}
