// What a running app costs, read from /proc: its process tree and the PSS of each process.
// PSS (proportional set size) shares each shared page among the processes mapping it, so the sum
// over a tree is what the tree adds to the machine's memory.
import { readdirSync, readFileSync } from "node:fs";

/** `pid → { ppid, comm }` for every process now. */
function processTable() {
  const table = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // comm is in parentheses and may hold spaces: the fields after the last ")" are fixed.
      const close = stat.lastIndexOf(")");
      const comm = stat.slice(stat.indexOf("(") + 1, close);
      const ppid = Number(stat.slice(close + 2).split(" ")[1]);
      table.set(Number(name), { ppid, comm });
    } catch {
      // gone meanwhile
    }
  }
  return table;
}

/** The pid and every descendant of it. */
export function treeOf(root) {
  const table = processTable();
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, p] of table) if (p.ppid === tree[i]) tree.push(pid);
  }
  return tree.filter((pid) => table.has(pid)).map((pid) => ({ pid, comm: table.get(pid).comm }));
}

/** The first process named `comm` at or under `root`. */
export function findUnder(root, comm) {
  return treeOf(root).find((p) => p.comm === comm.slice(0, 15))?.pid;
}

/** PSS and private (clean + dirty) kB of one process. */
function memoryKb(pid) {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(rollup)?.[1] ?? 0);
    return { pss: field("Pss"), private: field("Private_Clean") + field("Private_Dirty") };
  } catch {
    return { pss: 0, private: 0 };
  }
}

/**
 * Memory of the tree under `root` in MB: PSS in all and by process name, and the private part
 * (pages no other process maps). PSS falls when another WebKit app starts (the shared library
 * pages are split with it); private memory does not, so it is what a leak shows in.
 */
export function pssOfTree(root) {
  const kbByName = {};
  let privateKb = 0;
  for (const { pid, comm } of treeOf(root)) {
    const kb = memoryKb(pid);
    kbByName[comm] = (kbByName[comm] ?? 0) + kb.pss;
    privateKb += kb.private;
  }
  const mb = (kb) => Math.round(kb / 102.4) / 10;
  const total = Object.values(kbByName).reduce((a, b) => a + b, 0);
  return {
    totalMb: mb(total),
    privateMb: mb(privateKb),
    byProcess: Object.fromEntries(Object.entries(kbByName).map(([name, kb]) => [name, mb(kb)])),
  };
}

/** User + system CPU seconds the tree under `root` (or with `self`, `root` alone) has used. */
export function cpuSecondsOfTree(root, { self = false } = {}) {
  const ticks = 100; // USER_HZ on Linux
  let sum = 0;
  for (const { pid } of self ? [{ pid: root }] : treeOf(root)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      sum += Number(f[11]) + Number(f[12]); // utime, stime
    } catch {
      // gone meanwhile
    }
  }
  return sum / ticks;
}
