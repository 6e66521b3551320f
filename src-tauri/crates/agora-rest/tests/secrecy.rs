//! Secrecy is a property of the type: this walks every wire type (requests and answers, both
//! APIs) through its specta description and finds every field. A field whose type is a secret
//! type ([`Sensitive`], [`SecretUrl`]) is redacted wherever it is shown; a field whose name
//! sounds secret and whose type is not must be listed below with the reason it is not secret.
//! So a new `fooToken: String` fails here instead of leaking. (Runs with the `specta` feature,
//! which the workspace's test run turns on through the app.)
#![cfg(feature = "specta")]

use std::collections::{BTreeMap, BTreeSet, HashSet};

use agora_rest::ncs::NcsIpResponse;
use agora_rest::recording as rec;
use agora_rest::secret::SECRET_KEYS;
use agora_rest::transcoding as tc;
use agora_rest::ApiErrorBody;
use specta::datatype::{DataType, Fields, NamedReferenceType, Reference};
use specta::{Type, Types};

/// Named types that hold a secret.
const SECRET_TYPES: &[&str] = &["Sensitive", "SecretUrl"];

/// Words that make a field name sound secret (matched without case or underscores).
const SECRET_WORDS: &[&str] = &[
    "token",
    "secret",
    "key",
    "salt",
    "password",
    "credential",
    "signature",
    "auth",
    "url",
    "uri",
    "cert",
];

/// Fields that sound secret and are not, as `Type.field` (Rust names), with the reason.
const NOT_SECRET: &[(&str, &str)] = &[(
    "BuilderTokenResponse.token_name",
    "the builderToken, typed as the id of one task's calls for 5 minutes: kept with its task, never put in a URL that is shown or logged, shown by its last characters",
)];

fn normalized(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

fn sounds_secret(name: &str) -> bool {
    let n = normalized(name);
    SECRET_WORDS.iter().any(|w| n.contains(w))
}

/// `access_key` → `accessKey`: the wire types are camelCase on the wire (those that are not,
/// like `backgroundConfig`, hold no secret).
fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in name.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[derive(Default)]
struct Found {
    /// `Type.field` → the secret type it has.
    secret: BTreeMap<String, String>,
    /// `Type.field` of fields that sound secret and are plain.
    plain_sounding: BTreeSet<String>,
    fields_seen: usize,
}

struct Walker<'a> {
    types: &'a Types,
    visited: HashSet<String>,
    found: Found,
}

impl Walker<'_> {
    /// The secret type `ty` is (or wraps in an `Option`/list), if any.
    fn secret_type(&self, ty: &DataType) -> Option<String> {
        match ty {
            DataType::Nullable(inner) => self.secret_type(inner),
            DataType::List(l) => self.secret_type(&l.ty),
            DataType::Reference(Reference::Named(r)) => {
                let named = self.types.get(r)?;
                SECRET_TYPES
                    .contains(&named.name.as_ref())
                    .then(|| named.name.to_string())
            }
            _ => None,
        }
    }

    fn fields(&mut self, owner: &str, fields: &Fields) {
        match fields {
            Fields::Named(named) => {
                for (name, field) in &named.fields {
                    let Some(ty) = &field.ty else { continue };
                    self.found.fields_seen += 1;
                    let key = format!("{owner}.{name}");
                    match self.secret_type(ty) {
                        Some(secret) => {
                            self.found.secret.insert(key, secret);
                        }
                        None if sounds_secret(name) => {
                            self.found.plain_sounding.insert(key);
                        }
                        None => {}
                    }
                    self.walk(owner, ty);
                }
            }
            Fields::Unnamed(unnamed) => {
                for field in &unnamed.fields {
                    if let Some(ty) = &field.ty {
                        self.walk(owner, ty);
                    }
                }
            }
            Fields::Unit => {}
        }
    }

    fn walk(&mut self, owner: &str, ty: &DataType) {
        match ty {
            DataType::Primitive(_) | DataType::Generic(_) => {}
            DataType::List(l) => self.walk(owner, &l.ty),
            DataType::Map(m) => {
                self.walk(owner, m.key_ty());
                self.walk(owner, m.value_ty());
            }
            DataType::Nullable(inner) => self.walk(owner, inner),
            DataType::Tuple(t) => t.elements.iter().for_each(|e| self.walk(owner, e)),
            DataType::Intersection(parts) => parts.iter().for_each(|p| self.walk(owner, p)),
            DataType::Struct(s) => self.fields(owner, &s.fields),
            DataType::Enum(e) => {
                for (_, variant) in &e.variants {
                    self.fields(owner, &variant.fields);
                }
            }
            DataType::Reference(Reference::Named(r)) => {
                match &r.inner {
                    NamedReferenceType::Inline { dt, .. } => self.walk(owner, dt),
                    NamedReferenceType::Reference { generics, .. } => {
                        for (_, g) in generics {
                            self.walk(owner, g);
                        }
                    }
                    NamedReferenceType::Recursive(_) => {}
                }
                let Some(named) = self.types.get(r) else {
                    return;
                };
                // A secret type's inside is its own business; every other named type once.
                if SECRET_TYPES.contains(&named.name.as_ref())
                    || !self.visited.insert(named.name.to_string())
                {
                    return;
                }
                if let Some(inner) = named.ty.clone() {
                    let name = named.name.to_string();
                    self.walk(&name, &inner);
                }
            }
            DataType::Reference(Reference::Opaque(_)) => {}
        }
    }
}

fn walk_wire_types() -> Found {
    let mut types = Types::default();
    let roots = vec![
        rec::AcquireRequest::definition(&mut types),
        rec::StartRequest::definition(&mut types),
        rec::UpdateRequest::definition(&mut types),
        rec::UpdateLayoutRequest::definition(&mut types),
        rec::StopRequest::definition(&mut types),
        rec::AcquireResponse::definition(&mut types),
        rec::SessionResponse::definition(&mut types),
        rec::StatusResponse::definition(&mut types),
        tc::BuilderTokenRequest::definition(&mut types),
        tc::BuilderTokenResponse::definition(&mut types),
        tc::CreateRequest::definition(&mut types),
        tc::TaskResponse::definition(&mut types),
        tc::TemplateRequest::definition(&mut types),
        tc::TemplatesResponse::definition(&mut types),
        NcsIpResponse::definition(&mut types),
        ApiErrorBody::definition(&mut types),
    ];
    let mut walker = Walker {
        types: &types,
        visited: HashSet::new(),
        found: Found::default(),
    };
    for root in &roots {
        walker.walk("(root)", root);
    }
    walker.found
}

#[test]
fn every_field_that_sounds_secret_is_typed_secret_or_explained() {
    let found = walk_wire_types();
    // The walk reaches the whole model, not a corner of it.
    assert!(
        found.fields_seen > 150,
        "only {} fields seen",
        found.fields_seen
    );
    let explained: BTreeSet<String> = NOT_SECRET.iter().map(|(f, _)| f.to_string()).collect();
    let unexplained: Vec<&String> = found.plain_sounding.difference(&explained).collect();
    assert!(
        unexplained.is_empty(),
        "fields that sound secret but are plain types: {unexplained:?}\n\
         make them Sensitive / SecretUrl, or add them to NOT_SECRET with the reason"
    );
    let stale: Vec<&String> = explained.difference(&found.plain_sounding).collect();
    assert!(
        stale.is_empty(),
        "NOT_SECRET lists fields that are gone or now typed: {stale:?}"
    );
}

#[test]
fn the_untyped_key_list_is_exactly_the_sensitive_fields() {
    // `SECRET_KEYS` redacts bodies nobody typed (answers as received, rows from older
    // versions): it must name every `Sensitive` field and nothing else (URLs are recognized by
    // their shape, so `SecretUrl` fields need no key).
    let found = walk_wire_types();
    let typed: BTreeSet<String> = found
        .secret
        .iter()
        .filter(|(_, ty)| ty.as_str() == "Sensitive")
        .map(|(field, _)| camel(field.rsplit('.').next().unwrap()))
        .collect();
    let listed: BTreeSet<String> = SECRET_KEYS
        .iter()
        .map(|k| k.to_string())
        // The builderToken's key: redacted in untyped bodies, typed as an id (see NOT_SECRET).
        .filter(|k| k != "tokenName")
        .collect();
    assert_eq!(typed, listed);
    // Every URL that can carry a secret is a SecretUrl.
    let urls: BTreeSet<&str> = found
        .secret
        .iter()
        .filter(|(_, ty)| ty.as_str() == "SecretUrl")
        .map(|(f, _)| f.as_str())
        .collect();
    for must in [
        "RtmpOutput.rtmp_url",
        "RtmpOutputState.rtmp_url",
        "WebRecorderParam.url",
        "Output.stream_url",
        "AudioInput.stream_url",
        "VideoInput.stream_url",
    ] {
        assert!(urls.contains(must), "{must} is not a SecretUrl: {urls:?}");
    }
}
