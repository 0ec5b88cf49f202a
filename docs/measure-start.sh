#!/bin/sh
# Runs a command N times and prints the minimum, median and maximum of its wall time (date +%s%N)
# and of its CPU time (user + sys, GNU time), in milliseconds: a small hyperfine for a machine
# without it. Usage: docs/measure-start.sh N COMMAND [ARGS...]   (docs/PERFORMANCE.md)
set -eu
n=$1
shift
: > ${TMPDIR:-/tmp}/feedfold-measure-m.txt
i=0
while [ $i -lt $n ]; do
  s=$(date +%s%N)
  /usr/bin/time -f "%U %S" -o ${TMPDIR:-/tmp}/feedfold-measure-cpu.txt "$@" >/dev/null 2>&1
  e=$(date +%s%N)
  cpu=$(awk '{printf "%d", ($1+$2)*1000}' ${TMPDIR:-/tmp}/feedfold-measure-cpu.txt)
  echo "$(( (e - s) / 1000000 )) $cpu" >> ${TMPDIR:-/tmp}/feedfold-measure-m.txt
  i=$((i + 1))
done
sort -n ${TMPDIR:-/tmp}/feedfold-measure-m.txt | awk '{w[NR]=$1} END {printf "wall ms: min %d median %d max %d; ", w[1], w[int((NR+1)/2)], w[NR]}'
sort -n -k2 ${TMPDIR:-/tmp}/feedfold-measure-m.txt | awk '{c[NR]=$2} END {printf "cpu ms: min %d median %d max %d\n", c[1], c[int((NR+1)/2)], c[NR]}'
