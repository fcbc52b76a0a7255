#!/usr/bin/env bash
# Starts a one-node Slurm cluster on this machine (Debian's slurm-wlm and munge), for the tests
# and for trying the sbatch scripts: munged, slurmctld and slurmd, one partition "local" holding
# this host with all its cores. Needs root. Does nothing when a controller already answers.
# Prints nothing on success; on failure, says why on stderr and exits 1.
set -euo pipefail
if scontrol ping 2>/dev/null | grep -q 'is UP'; then
  exit 0
fi
host=$(hostname -s)
cpus=$(nproc)
memory=$(awk '/MemTotal/ { print int($2 / 1024 * 0.9) }' /proc/meminfo)
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge /var/lib/munge /var/log/munge
if [[ ! -s /etc/munge/munge.key ]]; then
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
fi
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
chmod 400 /etc/munge/munge.key
if ! pgrep -x munged >/dev/null; then
  runuser -u munge -- /usr/sbin/munged || { echo "munged did not start" >&2; exit 1; }
fi
cat > /etc/slurm/slurm.conf <<CONF
ClusterName=local
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
CONF
pgrep -x slurmctld >/dev/null || slurmctld || { echo "slurmctld did not start: $(tail -3 /var/log/slurm/slurmctld.log 2>/dev/null)" >&2; exit 1; }
pgrep -x slurmd >/dev/null || slurmd || { echo "slurmd did not start: $(tail -3 /var/log/slurm/slurmd.log 2>/dev/null)" >&2; exit 1; }
for _ in $(seq 1 30); do
  if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
    exit 0
  fi
  sleep 1
done
echo "the node did not come up: $(sinfo -h -o '%T %E' 2>&1 | head -1); $(tail -2 /var/log/slurm/slurmd.log 2>/dev/null)" >&2
exit 1
