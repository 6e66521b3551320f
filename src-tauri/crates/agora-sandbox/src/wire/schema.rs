//! A small schema language for Agora's JSON request bodies, and the walk that checks a body
//! against it.
//!
//! The walk behaves as Agora's documented checks do: a key it does not know is ignored (kept as
//! sent), `null` counts as absent, every documented spelling of a key is accepted and read under
//! one name, and each value that breaks its type or range is named by its dotted path. Values are
//! never echoed for strings (they may be secrets); numbers are, so a range error shows what came.

use serde_json::{Map, Value};

/// What one JSON value must be.
#[derive(Debug)]
pub enum Kind {
    /// Any string; `max_bytes` 0 means no documented limit.
    Str {
        max_bytes: usize,
    },
    /// A user id written as a decimal integer in a JSON string, 1 … 2³²−1.
    Uid,
    /// [`Kind::Uid`], or `"#allstream#"` (every uid).
    UidOrAll,
    /// A whole number in `min..=max`.
    Int {
        min: i64,
        max: i64,
    },
    /// Any number in `min..=max` (integers included).
    Num {
        min: f64,
        max: f64,
    },
    Bool,
    /// One of these strings.
    Text(&'static [&'static str]),
    /// One of these whole numbers.
    Code(&'static [i64]),
    Object(&'static [Prop]),
    /// An array of `item`, at most `max` long (0: no documented limit).
    List {
        item: &'static Kind,
        max: usize,
    },
    /// An object whose shape depends on the string in its `tag` key.
    Tagged {
        tag: &'static str,
        variants: &'static [(&'static str, &'static [Prop])],
    },
    /// Any JSON value: its shape is checked elsewhere, or later.
    Any,
}

/// One key of an object.
#[derive(Debug)]
pub struct Prop {
    /// The name it is read under.
    pub name: &'static str,
    /// Other documented spellings, accepted on input.
    pub aliases: &'static [&'static str],
    pub kind: Kind,
    pub required: bool,
}

/// An optional key.
pub const fn opt(name: &'static str, kind: Kind) -> Prop {
    Prop {
        name,
        aliases: &[],
        kind,
        required: false,
    }
}

/// A required key.
pub const fn req(name: &'static str, kind: Kind) -> Prop {
    Prop {
        name,
        aliases: &[],
        kind,
        required: true,
    }
}

impl Prop {
    /// The same key, also accepted under `aliases`.
    pub const fn or(self, aliases: &'static [&'static str]) -> Prop {
        Prop { aliases, ..self }
    }
}

pub const fn int(min: i64, max: i64) -> Kind {
    Kind::Int { min, max }
}

pub const fn text() -> Kind {
    Kind::Str { max_bytes: 0 }
}

/// The largest uid: 2³²−1.
pub const UID_MAX: i64 = 4_294_967_295;
pub const ALL_STREAMS: &str = "#allstream#";

/// One value that breaks the schema or a documented rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Dotted from the body's root (`clientRequest.layoutConfig.3.width`); empty for the body.
    pub path: String,
    pub rule: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "the body {}", self.rule)
        } else {
            write!(f, "{}: {}", self.path, self.rule)
        }
    }
}

/// All problems as one `reason`: `path: rule; path: rule`.
pub fn join(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Whether required keys are enforced: `Partial` checks a copy that may leave parts out
/// (acquire's `startParameter`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completeness {
    Whole,
    Partial,
}

/// Checks `value` against `kind`; on success the value with every key under its read name.
pub fn check(
    value: &Value,
    kind: &Kind,
    completeness: Completeness,
) -> Result<Value, Vec<Problem>> {
    let mut walk = Walk {
        completeness,
        problems: Vec::new(),
    };
    let normal = walk.value(value, kind, "");
    if walk.problems.is_empty() {
        Ok(normal)
    } else {
        Err(walk.problems)
    }
}

struct Walk {
    completeness: Completeness,
    problems: Vec<Problem>,
}

fn join_path(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// What a value is, in words, without its content.
fn what(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `a, b, c`.
fn listed(items: impl Iterator<Item = String>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

fn uid_ok(s: &str) -> bool {
    !s.is_empty()
        && s.bytes().all(|b| b.is_ascii_digit())
        && s.parse::<i64>().is_ok_and(|n| (1..=UID_MAX).contains(&n))
}

impl Walk {
    fn fail(&mut self, path: &str, rule: impl Into<String>) {
        self.problems.push(Problem {
            path: path.to_owned(),
            rule: rule.into(),
        });
    }

    fn value(&mut self, value: &Value, kind: &Kind, path: &str) -> Value {
        match kind {
            Kind::Any => {}
            Kind::Str { max_bytes } => match value {
                Value::String(s) if *max_bytes > 0 && s.len() > *max_bytes => self.fail(
                    path,
                    format!("must be at most {max_bytes} bytes, got {}", s.len()),
                ),
                Value::String(_) => {}
                other => self.fail(path, format!("must be a string, got {}", what(other))),
            },
            Kind::Uid | Kind::UidOrAll => match value {
                Value::String(s) if uid_ok(s) => {}
                Value::String(s) if matches!(kind, Kind::UidOrAll) && s == ALL_STREAMS => {}
                Value::String(_) => self.fail(
                    path,
                    format!("must be a uid from 1 to {UID_MAX}, written as a decimal string"),
                ),
                other => self.fail(
                    path,
                    format!("must be a uid in a string (\"1001\"), got {}", what(other)),
                ),
            },
            Kind::Int { min, max } => match value.as_i64() {
                Some(n) if (*min..=*max).contains(&n) => {}
                Some(n) => self.fail(path, format!("must be between {min} and {max}, got {n}")),
                None if value.is_number() => {
                    self.fail(path, format!("must be a whole number, got {value}"));
                }
                None => self.fail(path, format!("must be a whole number, got {}", what(value))),
            },
            Kind::Num { min, max } => match value.as_f64() {
                Some(n) if (*min..=*max).contains(&n) => {}
                Some(n) => self.fail(path, format!("must be between {min} and {max}, got {n}")),
                None => self.fail(path, format!("must be a number, got {}", what(value))),
            },
            Kind::Bool => {
                if !value.is_boolean() {
                    self.fail(path, format!("must be true or false, got {}", what(value)));
                }
            }
            Kind::Text(options) => match value.as_str() {
                Some(s) if options.contains(&s) => {}
                _ => self.fail(
                    path,
                    format!(
                        "must be one of {}",
                        listed(options.iter().map(|o| format!("{o:?}")))
                    ),
                ),
            },
            Kind::Code(options) => match value.as_i64() {
                Some(n) if options.contains(&n) => {}
                _ => self.fail(
                    path,
                    format!(
                        "must be one of {}, got {}",
                        listed(options.iter().map(ToString::to_string)),
                        if value.is_number() {
                            value.to_string()
                        } else {
                            what(value).to_owned()
                        }
                    ),
                ),
            },
            Kind::Object(props) => return self.object(value, props, path),
            Kind::List { item, max } => {
                let Some(items) = value.as_array() else {
                    self.fail(path, format!("must be an array, got {}", what(value)));
                    return value.clone();
                };
                if *max > 0 && items.len() > *max {
                    self.fail(
                        path,
                        format!("may hold at most {max} entries, got {}", items.len()),
                    );
                }
                return Value::Array(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, v)| self.value(v, item, &join_path(path, &i.to_string())))
                        .collect(),
                );
            }
            Kind::Tagged { tag, variants } => {
                let chosen = value.get(*tag).and_then(Value::as_str);
                match variants.iter().find(|(name, _)| Some(*name) == chosen) {
                    Some((_, props)) => return self.object(value, props, path),
                    None => self.fail(
                        &join_path(path, tag),
                        format!(
                            "must be one of {}",
                            listed(variants.iter().map(|(n, _)| format!("{n:?}")))
                        ),
                    ),
                }
            }
        }
        value.clone()
    }

    fn object(&mut self, value: &Value, props: &[Prop], path: &str) -> Value {
        let Some(map) = value.as_object() else {
            self.fail(path, format!("must be a JSON object, got {}", what(value)));
            return value.clone();
        };
        let mut out = Map::new();
        let mut known = std::collections::BTreeSet::new();
        for prop in props {
            let spellings = std::iter::once(prop.name).chain(prop.aliases.iter().copied());
            known.extend(spellings.clone());
            let found = spellings
                .filter_map(|key| map.get(key).filter(|v| !v.is_null()))
                .next();
            let here = join_path(path, prop.name);
            match found {
                Some(v) => {
                    let normal = self.value(v, &prop.kind, &here);
                    out.insert(prop.name.to_owned(), normal);
                }
                None if prop.required && self.completeness == Completeness::Whole => {
                    self.fail(&here, "is required");
                }
                None => {}
            }
        }
        // Agora ignores keys it does not know; they stay, so what was sent can be shown.
        for (key, v) in map {
            if !known.contains(key.as_str()) {
                out.insert(key.clone(), v.clone());
            }
        }
        Value::Object(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const REGION: &[Prop] = &[
        req("x", int(0, 10)),
        opt("alpha", Kind::Num { min: 0.0, max: 1.0 }),
    ];
    const BODY: Kind = Kind::Object(&[
        req("uid", Kind::Uid),
        opt(
            "unsubscribeAudioUids",
            Kind::List {
                item: &Kind::UidOrAll,
                max: 2,
            },
        )
        .or(&["unSubscribeAudioUids"]),
        opt("region", Kind::Object(REGION)),
        opt("mode", Kind::Text(&["a", "b"])),
    ]);

    #[test]
    fn unknown_keys_pass_and_aliases_are_read_under_one_name() {
        let v = check(
            &json!({"uid": "7", "unSubscribeAudioUids": ["#allstream#"], "bogus": 1, "mode": null}),
            &BODY,
            Completeness::Whole,
        )
        .unwrap();
        assert_eq!(
            v,
            json!({"uid": "7", "unsubscribeAudioUids": ["#allstream#"], "bogus": 1})
        );
    }

    #[test]
    fn each_problem_is_named_by_its_path() {
        let problems = check(
            &json!({"uid": 7, "unsubscribeAudioUids": ["1", "0", "3"], "region": {"alpha": 2}, "mode": "c"}),
            &BODY,
            Completeness::Whole,
        )
        .unwrap_err();
        let text = join(&problems);
        assert_eq!(
            text,
            "uid: must be a uid in a string (\"1001\"), got a number; \
             unsubscribeAudioUids: may hold at most 2 entries, got 3; \
             unsubscribeAudioUids.1: must be a uid from 1 to 4294967295, written as a decimal string; \
             region.x: is required; region.alpha: must be between 0 and 1, got 2; \
             mode: must be one of \"a\", \"b\""
        );
    }

    #[test]
    fn a_partial_copy_may_leave_required_keys_out() {
        assert!(check(&json!({"region": {}}), &BODY, Completeness::Partial).is_ok());
        assert!(check(&json!([]), &BODY, Completeness::Partial).is_err());
        assert_eq!(
            check(&json!("x"), &BODY, Completeness::Whole).unwrap_err()[0].to_string(),
            "the body must be a JSON object, got a string"
        );
    }
}
