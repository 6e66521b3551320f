//! Simulated RTC channels: which uids publish in which channel, and since when.
//!
//! Publishers are kept as a history of changes on the sandbox clock, so that everything that
//! depends on them (idle timeouts, what a session recorded, when a user's file starts) can be
//! worked out after the fact from the time a request arrives. Changes are only ever appended at
//! the current time, which never goes back, so a result computed once stays true.

use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Debug, Clone)]
pub struct Channels {
    default: BTreeSet<u32>,
    /// Per channel, (time of change, publishers from then on), in time order.
    history: HashMap<String, Vec<(i64, BTreeSet<u32>)>>,
}

impl Channels {
    /// `configured` channels publish their lists from the beginning of time; every other channel
    /// publishes `default`.
    pub fn new(default: &[u32], configured: &BTreeMap<String, Vec<u32>>) -> Self {
        let history = configured
            .iter()
            .map(|(cname, uids)| {
                (
                    cname.clone(),
                    vec![(i64::MIN, uids.iter().copied().collect())],
                )
            })
            .collect();
        Self {
            default: default.iter().copied().collect(),
            history,
        }
    }

    /// From `now_ms` on, exactly `uids` publish in `cname`.
    pub fn set(&mut self, cname: &str, uids: &[u32], now_ms: i64) {
        let set: BTreeSet<u32> = uids.iter().copied().collect();
        let entries = self.history.entry(cname.to_owned()).or_default();
        // Two changes in the same millisecond: the later one wins.
        entries.retain(|(t, _)| *t < now_ms);
        entries.push((now_ms, set));
    }

    /// Who publishes in `cname` at `t`.
    pub fn at(&self, cname: &str, t: i64) -> &BTreeSet<u32> {
        self.history
            .get(cname)
            .and_then(|entries| entries.iter().rev().find(|(since, _)| *since <= t))
            .map_or(&self.default, |(_, set)| set)
    }

    /// Times in `(from, to]` at which `cname`'s publishers changed.
    pub fn changes(&self, cname: &str, from: i64, to: i64) -> Vec<i64> {
        self.history
            .get(cname)
            .map(|entries| {
                entries
                    .iter()
                    .map(|(t, _)| *t)
                    .filter(|t| *t > from && *t <= to)
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Current publishers of every channel that has its own list.
    pub fn current(&self, now_ms: i64) -> BTreeMap<String, Vec<u32>> {
        self.history
            .keys()
            .map(|cname| {
                (
                    cname.clone(),
                    self.at(cname, now_ms).iter().copied().collect(),
                )
            })
            .collect()
    }

    pub fn default_publishers(&self) -> Vec<u32> {
        self.default.iter().copied().collect()
    }
}

/// When something that needs activity ends for lack of it: the first moment in `[start, now]`
/// at which `busy` has been false for `limit_ms` without a break. `changes` are the times at
/// which `busy` may change; between two of them it holds its value at the earlier one.
pub fn idle_deadline(
    start: i64,
    now: i64,
    limit_ms: i64,
    changes: &[i64],
    busy: impl Fn(i64) -> bool,
) -> Option<i64> {
    let mut points: Vec<i64> = changes
        .iter()
        .copied()
        .filter(|t| *t > start && *t < now)
        .collect();
    points.sort_unstable();
    points.dedup();
    points.push(now);
    let mut idle_since: Option<i64> = None;
    let mut segment_start = start;
    for segment_end in points {
        if busy(segment_start) {
            idle_since = None;
        } else {
            let since = *idle_since.get_or_insert(segment_start);
            let deadline = since.saturating_add(limit_ms);
            if deadline <= segment_end {
                return Some(deadline);
            }
        }
        segment_start = segment_end;
    }
    None
}

/// Channel Management's user list for `cname`, from the simulated channel. In communication mode
/// (the default; set 2 through the control API) everyone is a user; in live broadcasting the
/// publishers are the hosts and live recorders the audience. Nobody there: no channel.
pub fn users_reply(
    shared: &crate::store::Shared,
    cname: &str,
    hosts_only: bool,
) -> crate::reply::Reply {
    let now = shared.clock.now_ms();
    let store = shared.store();
    let hosts: Vec<u32> = store.channels.at(cname, now).iter().copied().collect();
    let mut recorders = store.recorders_in(cname);
    recorders.sort_unstable();
    let mode = store.channel_modes.get(cname).copied().unwrap_or(1);
    let data = if hosts.is_empty() && recorders.is_empty() {
        serde_json::json!({"channel_exist": false})
    } else if mode == 1 {
        let mut users = hosts;
        users.extend(recorders);
        serde_json::json!({"channel_exist": true, "mode": 1, "total": users.len(), "users": users})
    } else if hosts_only {
        serde_json::json!({"channel_exist": true, "mode": 2, "broadcasters": hosts})
    } else {
        serde_json::json!({"channel_exist": true, "mode": 2, "broadcasters": hosts,
            "audience": recorders, "audience_total": recorders.len()})
    };
    crate::reply::Reply::value(200, serde_json::json!({"success": true, "data": data}))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publishers_follow_the_configuration_then_the_changes() {
        let mut configured = BTreeMap::new();
        configured.insert("empty".to_owned(), vec![]);
        let mut ch = Channels::new(&[1001, 1002], &configured);
        assert_eq!(ch.at("any", 0).len(), 2);
        assert!(ch.at("empty", 0).is_empty());
        ch.set("any", &[7], 100);
        assert_eq!(ch.at("any", 99).len(), 2);
        assert_eq!(ch.at("any", 100).iter().copied().collect::<Vec<_>>(), [7]);
        ch.set("any", &[8], 100);
        assert_eq!(
            ch.at("any", 100).iter().copied().collect::<Vec<_>>(),
            [8],
            "same instant: last wins"
        );
        assert_eq!(ch.changes("any", 0, 100), [100]);
        assert!(ch.changes("any", 100, 200).is_empty());
        assert_eq!(ch.current(100)["empty"], Vec::<u32>::new());
    }

    #[test]
    fn idle_deadline_needs_an_unbroken_idle_stretch() {
        // Busy until 10, idle 10..20, busy 20..30, idle from 30 on.
        let busy = |t: i64| t < 10 || (20..30).contains(&t);
        let changes = [10, 20, 30];
        assert_eq!(idle_deadline(0, 100, 15, &changes, busy), Some(45));
        assert_eq!(idle_deadline(0, 44, 15, &changes, busy), None);
        assert_eq!(idle_deadline(0, 45, 15, &changes, busy), Some(45));
        assert_eq!(
            idle_deadline(0, 100, 10, &changes, busy),
            Some(20),
            "exactly the limit is enough"
        );
        // Idle from the start.
        assert_eq!(idle_deadline(5, 100, 30, &[], |_| false), Some(35));
        assert_eq!(idle_deadline(5, 100, 30, &[], |_| true), None);
    }
}
