#!/bin/bash
# Runs commands in turn, N rounds (A B A B ...), and prints for each the minimum and median of its
# wall time (date +%s%N) and of its CPU time (user + sys, GNU time), in ms: the interleaved form of
# docs/measure-start.sh, so that every command sees the same machine load. Usage:
#   docs/measure-interleaved.sh N LABEL1 'COMMAND1' LABEL2 'COMMAND2' ...   (docs/PERFORMANCE.md)
n=$1; shift
labels=(); cmds=()
while [ $# -gt 0 ]; do labels+=("$1"); cmds+=("$2"); shift 2; done
tmp=$(mktemp -d)
for i in $(seq $n); do
  for k in "${!cmds[@]}"; do
    s=$(date +%s%N)
    /usr/bin/time -f "%U %S" -o $tmp/t bash -c "${cmds[$k]}" >/dev/null 2>$tmp/err || { echo "FAIL ${labels[$k]}"; cat $tmp/err; }
    e=$(date +%s%N)
    echo "$(( (e-s)/1000000 )) $(awk '{printf "%d", ($1+$2)*1000}' $tmp/t)" >> $tmp/$k
  done
done
for k in "${!cmds[@]}"; do
  w=$(sort -n $tmp/$k | awk '{a[NR]=$1} END {printf "wall min %4d med %4d", a[1], a[int((NR+1)/2)]}')
  c=$(sort -n -k2 $tmp/$k | awk '{a[NR]=$2} END {printf "cpu min %4d med %4d", a[1], a[int((NR+1)/2)]}')
  printf "%-28s %s | %s\n" "${labels[$k]}" "$w" "$c"
done
rm -rf $tmp
