//! Proptest strategies for JSON, shared by the workspace's property tests (a dev-dependency
//! only; nothing here ships):
//!
//! - [`JsonGen::values`]: arbitrary JSON whose objects use keys the caller chooses (a type's own
//!   field names, say, so generated objects reach its typed fields), with the caller's strings
//!   and numbers at the leaves;
//! - [`Mutation`], [`JsonGen::mutation`] and [`mutate`]: edits of a JSON tree at any depth
//!   (replace, remove, insert, change a value's type, or change it within its type), which turn
//!   a valid value into the nearly valid ones that find bugs;
//! - [`keys_of`], [`arb_key`], [`arb_number`], [`arb_decimal`] and [`arb_text`]: parts to build
//!   those from;
//! - [`config`] and [`run_cases`]: the run configuration every property test uses.

use std::collections::BTreeSet;
use std::ops::Range;

use proptest::prelude::*;
use proptest::strategy::Union;
use proptest::test_runner::{TestCaseResult, TestRunner};
use serde_json::{json, Value};

// =============================================================================================
// Running

/// A run of `cases` cases that reports failures in the test output only (no
/// `proptest-regressions` files next to the tests).
pub fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Runs `test` on `cases` values of `strategy` (with [`config`]) and panics with proptest's
/// report, which holds the smallest failing value, if one fails: for properties that share
/// state set up once outside `proptest!` (a runtime, a server, an engine).
pub fn run_cases<S: Strategy>(cases: u32, strategy: &S, test: impl Fn(S::Value) -> TestCaseResult) {
    if let Err(e) = TestRunner::new(config(cases)).run(strategy, test) {
        panic!("{e}");
    }
}

// =============================================================================================
// Parts

/// Every object key anywhere in `values`, sorted, each once: the field names of the types
/// `values` are examples of.
pub fn keys_of(values: &[Value]) -> Vec<String> {
    fn walk(v: &Value, out: &mut BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                for (k, child) in m {
                    out.insert(k.clone());
                    walk(child, out);
                }
            }
            Value::Array(a) => a.iter().for_each(|c| walk(c, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    values.iter().for_each(|v| walk(v, &mut out));
    out.into_iter().collect()
}

/// Object keys: one of `names` (`weight` times in `weight + 1`; `weight` must be at least 1),
/// else a made-up name of 1 to `random_len` ASCII letters and underscores.
pub fn arb_key<S: Into<String>>(
    names: impl IntoIterator<Item = S>,
    weight: u32,
    random_len: usize,
) -> BoxedStrategy<String> {
    let names: Vec<String> = names.into_iter().map(Into::into).collect();
    let made_up = proptest::string::string_regex(&format!("[a-zA-Z_]{{1,{random_len}}}"))
        .expect("a valid regex");
    prop_oneof![
        weight => prop::sample::select(names),
        1 => made_up,
    ]
    .boxed()
}

/// Numbers with few digits after the point: a random `i32` divided by 10 to a power from 0 to
/// `max_places - 1` (short enough that their JSON text reads back as the same double).
pub fn arb_decimal(max_places: i32) -> BoxedStrategy<Value> {
    (any::<i32>(), 0i32..max_places)
        .prop_map(|(m, k)| Value::from(f64::from(m) / 10f64.powi(k)))
        .boxed()
}

/// Numbers of every JSON width, each kind as often as the others: any `i64`, any `u64`, one
/// in `plain`, a decimal of fewer than `max_places` places ([`arb_decimal`]), and one of
/// `special` (huge, tiny, the largest double, ...).
pub fn arb_number(plain: Range<i64>, max_places: i32, special: Vec<f64>) -> BoxedStrategy<Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        plain.prop_map(Value::from),
        arb_decimal(max_places),
        prop::sample::select(special).prop_map(Value::from),
    ]
    .boxed()
}

/// Any Unicode text (controls, combining marks, characters outside the BMP, ...) cut to at
/// most `max_chars` characters.
pub fn arb_text(max_chars: usize) -> BoxedStrategy<String> {
    any::<String>()
        .prop_map(move |s| s.chars().take(max_chars).collect())
        .boxed()
}

// =============================================================================================
// Values

/// How large generated trees grow: the arguments of proptest's `prop_recursive`, and the
/// lengths of containers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tree {
    /// Containers nest this many levels at most.
    pub depth: u32,
    /// The number of nodes a tree aims at.
    pub size: u32,
    /// The number of children a container is expected to have.
    pub branch: u32,
    /// Arrays hold fewer values than this.
    pub items: usize,
    /// Objects hold fewer entries than this.
    pub fields: usize,
}

impl Default for Tree {
    /// Four levels, about 40 nodes, arrays of 0 to 4 values and objects of 0 to 5 entries.
    fn default() -> Self {
        Tree {
            depth: 4,
            size: 40,
            branch: 6,
            items: 5,
            fields: 6,
        }
    }
}

/// Arbitrary JSON made of the parts given: the keys of its objects, the strings and numbers
/// at its leaves, and how large it grows.
#[derive(Clone, Debug)]
pub struct JsonGen {
    /// Object keys (see [`arb_key`]).
    pub keys: BoxedStrategy<String>,
    /// Strings at the leaves, and what [`Mutation::Tweak`] puts in a string.
    pub strings: BoxedStrategy<String>,
    /// Numbers at the leaves, and what [`Mutation::Tweak`] puts in a number.
    pub numbers: BoxedStrategy<Value>,
    /// How large trees grow.
    pub tree: Tree,
}

impl JsonGen {
    /// Trees of the [`Tree::default`] size made of these parts.
    pub fn new(
        keys: BoxedStrategy<String>,
        strings: BoxedStrategy<String>,
        numbers: BoxedStrategy<Value>,
    ) -> Self {
        JsonGen {
            keys,
            strings,
            numbers,
            tree: Tree::default(),
        }
    }

    /// The same parts, in trees of the size `tree` says.
    pub fn with_tree(self, tree: Tree) -> Self {
        JsonGen { tree, ..self }
    }

    /// JSON values. A leaf is null (1 in 7), a boolean (1 in 7), one of `numbers` (2 in 7) or
    /// a string of `strings` (3 in 7); a container is an array or, as often, an object keyed by
    /// `keys`, nested up to `tree.depth` levels.
    pub fn values(&self) -> BoxedStrategy<Value> {
        let Tree {
            depth,
            size,
            branch,
            items,
            fields,
        } = self.tree;
        let keys = self.keys.clone();
        let leaf = prop_oneof![
            1 => Just(Value::Null),
            1 => any::<bool>().prop_map(Value::Bool),
            2 => self.numbers.clone(),
            3 => self.strings.clone().prop_map(Value::String),
        ];
        leaf.prop_recursive(depth, size, branch, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..items).prop_map(Value::Array),
                prop::collection::vec((keys.clone(), inner), 0..fields)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
        .boxed()
    }

    /// One edit of a JSON tree, of the kinds and at the depths `edits` says: what
    /// [`Mutation::Replace`] and [`Mutation::Insert`] put in is one of [`Self::values`], the
    /// key an insert adds is one of `edits.insert_keys` (else of `keys`), and a tweak draws
    /// from `strings` and `numbers`.
    pub fn mutation(&self, edits: &Edits) -> BoxedStrategy<Mutation> {
        let path = || prop::collection::vec(any::<usize>(), 0..edits.path_len);
        let key = edits
            .insert_keys
            .clone()
            .unwrap_or_else(|| self.keys.clone());
        let json = self.values();
        let w = edits.weights;
        let options: Vec<(u32, BoxedStrategy<Mutation>)> = vec![
            (
                w.replace,
                (path(), json.clone())
                    .prop_map(|(p, v)| Mutation::Replace(p, v))
                    .boxed(),
            ),
            (
                w.remove,
                (path(), any::<usize>())
                    .prop_map(|(p, i)| Mutation::Remove(p, i))
                    .boxed(),
            ),
            (
                w.insert,
                (path(), key, json)
                    .prop_map(|(p, k, v)| Mutation::Insert(p, k, v))
                    .boxed(),
            ),
            (w.retype, path().prop_map(Mutation::Retype).boxed()),
            (
                w.tweak,
                (
                    path(),
                    self.strings.clone(),
                    self.numbers.clone(),
                    any::<usize>(),
                )
                    .prop_map(|(p, s, n, i)| Mutation::Tweak(p, s, n, i))
                    .boxed(),
            ),
        ];
        // A weight of 0 leaves the kind out (proptest refuses an option of weight 0).
        Union::new_weighted(options.into_iter().filter(|(w, _)| *w > 0).collect()).boxed()
    }
}

// =============================================================================================
// Edits

/// One edit of a JSON tree. Each path leads to a node as [`node`] walks it: every index picks
/// among the children there, modulo their number.
#[derive(Debug, Clone, PartialEq)]
pub enum Mutation {
    /// The node becomes this value.
    Replace(Vec<usize>, Value),
    /// An object loses one of its entries, an array one of its elements (picked by the index
    /// modulo their number); a scalar or an empty container stays as it is.
    Remove(Vec<usize>, usize),
    /// An object gets this entry (in place of the value under that key, if any), an array this element at
    /// its end; a scalar becomes an object of this one entry.
    Insert(Vec<usize>, String, Value),
    /// The node changes type: a string becomes a number (its value if it holds an integer,
    /// else its length), a number or a boolean its text, null an empty string, an array its
    /// first element (or null), an object the array of its values.
    Retype(Vec<usize>),
    /// The node changes within its type, as an edit in a form would: a string becomes this
    /// text, a number this number, a boolean the other one; an array loses the element the
    /// index picks (an even index) or repeats it at its end (an odd one); an object loses the
    /// entry the index picks.
    Tweak(Vec<usize>, String, Value, usize),
}

/// Which edits [`JsonGen::mutation`] makes.
#[derive(Clone, Debug)]
pub struct Edits {
    /// Paths have fewer steps than this: 1 edits the root only, 5 up to four levels down.
    pub path_len: usize,
    /// How often each kind of edit comes.
    pub weights: Weights,
    /// The keys a [`Mutation::Insert`] adds; `None`: the generator's own keys.
    pub insert_keys: Option<BoxedStrategy<String>>,
}

impl Edits {
    /// Replacing, removing, inserting and retyping, each as often as the others, along paths
    /// of fewer than `path_len` steps; no tweaks; inserts use the generator's keys.
    pub fn structural(path_len: usize) -> Self {
        Edits {
            path_len,
            weights: Weights {
                replace: 1,
                remove: 1,
                insert: 1,
                retype: 1,
                tweak: 0,
            },
            insert_keys: None,
        }
    }
}

/// The relative weights of the kinds of [`Mutation`]; a kind of weight 0 is never made, and
/// at least one must be above 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Weights {
    pub replace: u32,
    pub remove: u32,
    pub insert: u32,
    pub retype: u32,
    pub tweak: u32,
}

/// The node `path` leads to in `root`: each step goes to one of the current node's children
/// (an object's values in the map's key order, an array's elements), the one at the step's
/// index modulo their number; the walk ends early at a scalar or an empty container.
pub fn node<'a>(root: &'a mut Value, path: &[usize]) -> &'a mut Value {
    let mut cur = root;
    for &i in path {
        let len = match &*cur {
            Value::Object(m) => m.len(),
            Value::Array(a) => a.len(),
            _ => 0,
        };
        if len == 0 {
            break;
        }
        cur = match cur {
            Value::Object(m) => m.values_mut().nth(i % len).expect("in range"),
            Value::Array(a) => &mut a[i % len],
            _ => unreachable!("only containers have children"),
        };
    }
    cur
}

/// `v` with each of `mutations` made in turn.
pub fn mutate(mut v: Value, mutations: &[Mutation]) -> Value {
    for m in mutations {
        m.apply(&mut v);
    }
    v
}

impl Mutation {
    /// Makes this edit in `root`.
    pub fn apply(&self, root: &mut Value) {
        match self {
            Mutation::Replace(p, new) => *node(root, p) = new.clone(),
            Mutation::Remove(p, i) => match node(root, p) {
                Value::Object(m) if !m.is_empty() => {
                    let key = m.keys().nth(i % m.len()).expect("in range").clone();
                    m.remove(&key);
                }
                Value::Array(a) if !a.is_empty() => {
                    let n = a.len();
                    a.remove(i % n);
                }
                _ => {}
            },
            Mutation::Insert(p, k, new) => match node(root, p) {
                Value::Object(m) => {
                    m.insert(k.clone(), new.clone());
                }
                Value::Array(a) => a.push(new.clone()),
                other => *other = json!({ k.clone(): new.clone() }),
            },
            Mutation::Retype(p) => {
                let n = node(root, p);
                *n = match &*n {
                    Value::String(s) => match s.trim().parse::<i64>() {
                        Ok(i) => Value::from(i),
                        Err(_) => Value::from(s.len()),
                    },
                    Value::Number(num) => Value::String(num.to_string()),
                    Value::Bool(b) => Value::String(b.to_string()),
                    Value::Null => Value::String(String::new()),
                    Value::Array(a) => a.first().cloned().unwrap_or(Value::Null),
                    Value::Object(m) => Value::Array(m.values().cloned().collect()),
                };
            }
            Mutation::Tweak(p, text, number, i) => match node(root, p) {
                Value::String(s) => *s = text.clone(),
                n @ Value::Number(_) => *n = number.clone(),
                Value::Bool(b) => *b = !*b,
                Value::Array(a) if !a.is_empty() => {
                    let at = i % a.len();
                    if i % 2 == 0 {
                        a.remove(at);
                    } else {
                        a.push(a[at].clone());
                    }
                }
                Value::Object(m) if !m.is_empty() => {
                    let key = m.keys().nth(i % m.len()).expect("in range").clone();
                    m.remove(&key);
                }
                _ => {}
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Value {
        json!({"a": [1, "2", true], "b": {"c": null}, "d": "x"})
    }

    #[test]
    fn node_takes_each_index_modulo_the_children_and_stops_at_a_leaf() {
        let mut v = sample();
        // "a" (0 of 3 keys), then element 4 % 3 = 1.
        assert_eq!(*node(&mut v, &[3, 4]), json!("2"));
        // "d" is a string: the rest of the path is ignored.
        assert_eq!(*node(&mut v, &[2, 7, 7]), json!("x"));
        assert_eq!(*node(&mut v, &[]), sample());
    }

    #[test]
    fn each_mutation_edits_the_node_its_path_leads_to() {
        let cases = [
            (
                Mutation::Replace(vec![1], json!(5)),
                json!({"a": [1, "2", true], "b": 5, "d": "x"}),
            ),
            (
                Mutation::Remove(vec![0], 5),
                json!({"a": [1, "2"], "b": {"c": null}, "d": "x"}),
            ),
            (
                Mutation::Remove(vec![], 1),
                json!({"a": [1, "2", true], "d": "x"}),
            ),
            (
                Mutation::Insert(vec![2], "k".into(), json!(1)),
                json!({"a": [1, "2", true], "b": {"c": null}, "d": {"k": 1}}),
            ),
            (
                Mutation::Retype(vec![0, 1]),
                json!({"a": [1, 2, true], "b": {"c": null}, "d": "x"}),
            ),
            (
                Mutation::Retype(vec![1]),
                json!({"a": [1, "2", true], "b": [null], "d": "x"}),
            ),
            (
                Mutation::Tweak(vec![0, 2], String::new(), json!(0), 0),
                json!({"a": [1, "2", false], "b": {"c": null}, "d": "x"}),
            ),
            (
                Mutation::Tweak(vec![0], String::new(), json!(0), 1),
                json!({"a": [1, "2", true, "2"], "b": {"c": null}, "d": "x"}),
            ),
        ];
        for (m, expected) in cases {
            assert_eq!(
                mutate(sample(), std::slice::from_ref(&m)),
                expected,
                "{m:?}"
            );
        }
    }

    #[test]
    fn keys_of_lists_every_key_once() {
        let v = [sample(), json!([{"a": 1, "z": {"b": 2}}])];
        assert_eq!(keys_of(&v), ["a", "b", "c", "d", "z"]);
    }

    fn gen() -> JsonGen {
        JsonGen::new(
            arb_key(["fileName", "resourceId"], 3, 4),
            arb_text(5),
            arb_decimal(3),
        )
    }

    /// Every key in `v` is one of [`gen`]'s names or a made-up one of 1 to 4 characters.
    fn keys_fit(v: &Value) -> bool {
        let fits = |k: &str| {
            k == "fileName"
                || k == "resourceId"
                || ((1..=4).contains(&k.len())
                    && k.chars().all(|c| c.is_ascii_alphabetic() || c == '_'))
        };
        match v {
            Value::Object(m) => m.iter().all(|(k, c)| fits(k) && keys_fit(c)),
            Value::Array(a) => a.iter().all(keys_fit),
            _ => true,
        }
    }

    #[test]
    fn values_use_the_keys_given() {
        run_cases(64, &gen().values(), |v| {
            prop_assert!(keys_fit(&v), "{}", v);
            Ok(())
        });
    }

    #[test]
    #[should_panic(expected = "a failing case")]
    fn run_cases_panics_when_a_case_fails() {
        run_cases(8, &any::<u8>(), |_| {
            Err(proptest::test_runner::TestCaseError::fail("a failing case"))
        });
    }

    #[test]
    fn structural_edits_make_no_tweaks() {
        run_cases(64, &gen().mutation(&Edits::structural(3)), |m| {
            prop_assert!(!matches!(m, Mutation::Tweak(..)), "{:?}", m);
            Ok(())
        });
    }
}
