#!/bin/sh
# Measures how long the feeds of a killed daemon take to move to the survivor: a standalone
# ZooKeeper (the server classes inside target/feedfold.jar), FEEDS feeds on a loopback HTTP server
# (python3), two daemons sharing them through ZooKeeper, then kill -9 of one; prints the time from
# the kill to the survivor's first fetch of one of the dead daemon's feeds, read from the
# survivor's log. Usage (after ./mvnw -q -DskipTests package):
#   docs/measure-takeover.sh [SESSION_TIMEOUT] [FEEDS] [SIGNAL]   e.g. docs/measure-takeover.sh 20s 40 KILL
# (SIGNAL TERM: a clean stop, which hands the feeds over at once)
# (docs/RELIABILITY.md, "Takeover of a dead daemon's feeds")
set -eu
cd "$(dirname "$0")/.."
session=${1:-20s}
feeds=${2:-40}
signal=${3:-KILL}
jar=$PWD/target/feedfold.jar
work=$(mktemp -d "${TMPDIR:-/tmp}/feedfold-takeover.XXXXXX")
pids=""
trap 'for p in $pids; do kill -9 $p 2>/dev/null || true; done; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

zk=$(free_port)
web=$(free_port)
mkdir -p "$work/zk" "$work/www"
printf 'tickTime=2000\ndataDir=%s\nclientPort=%s\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\n' \
  "$work/zk" "$zk" > "$work/zoo.cfg"
# ZooKeeper's server wants Dropwizard metrics too: the test class path has it (curator-test).
./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >/dev/null
java -cp "$(cat "$work/cp.txt")" org.apache.zookeeper.server.quorum.QuorumPeerMain \
  "$work/zoo.cfg" > "$work/zk.log" 2>&1 &
pids="$pids $!"
(cd "$work/www" && exec python3 -m http.server "$web" --bind 127.0.0.1) > "$work/www.log" 2>&1 &
pids="$pids $!"

{
  echo '<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>takeover</title></head><body>'
  i=0
  while [ $i -lt "$feeds" ]; do
    sed -e "s|http://example.org/|http://127.0.0.1:$web/|g" -e "s/NAME/f$i/g" \
      src/test/resources/ingest/group-feed.xml > "$work/www/f$i.xml"
    echo "<outline type=\"rss\" text=\"f$i\" xmlUrl=\"http://127.0.0.1:$web/f$i.xml\"/>"
    i=$((i + 1))
  done
  echo '</body></opml>'
} > "$work/feeds.opml"

start() {
  mkdir -p "$work/$1/config"
  cp config/logback.xml "$work/$1/config/"
  cat > "$work/$1/config/feedfold.properties" <<PROPS
feeds.file=$work/feeds.opml
http.port=0
fetch.host-delay=0
extract.enabled=false
cluster.zk-hosts=127.0.0.1:$zk
cluster.member-id=$1
cluster.session-timeout=$session
PROPS
  java -Dfeedfold.home="$work/$1" -jar "$jar" --config "$work/$1/config/feedfold.properties" \
    --data "$work/$1/data" daemon > "$work/$1.out" 2>&1 &
  pids="$pids $!"
  eval "pid_$1=$!"
}
start a
start b
log_a="$work/a/data/logs/feedfold.log"
log_b="$work/b/data/logs/feedfold.log"

# Both joined, both fetched their share: every feed fetched once, by a or by b.
i=0
until [ "$(cat "$log_a" "$log_b" 2>/dev/null | grep -c 'feed http.*: fetched')" -ge "$feeds" ]; do
  i=$((i + 1)); [ $i -lt 600 ] || { echo "daemons did not fetch every feed; see $work" >&2; trap - EXIT; exit 1; }
  sleep 0.1
done
grep -o 'feed http[^ ]*: fetched' "$log_a" | sort -u > "$work/a-feeds"
echo "a fetched $(wc -l < "$work/a-feeds") feeds, b $(grep -c 'feed http.*: fetched' "$log_b")"

kill -s "$signal" "$pid_a"
killed=$(now_ms)
i=0
until grep -qF -f "$work/a-feeds" "$log_b"; do
  i=$((i + 1)); [ $i -lt 1200 ] || { echo "no takeover within 120 s; see $work" >&2; trap - EXIT; exit 1; }
  sleep 0.1
done
# The time of the survivor's log line, not of this loop's noticing it.
first=$(grep -F -f "$work/a-feeds" "$log_b" | head -1 | cut -d' ' -f1)
took=$(( $(date -d "$first" +%s%3N) - killed ))
echo "session timeout $session: the survivor fetched the first of the other daemon's feeds $took ms after SIG$signal"
grep -E 'fetch group|lost the ZooKeeper' "$log_b" | tail -2
