//! Compiles the message catalogs (`locales/<language>.ftl`, Project Fluent syntax) into Rust:
//! one function per message in `$OUT_DIR/messages.rs`, included by `src/i18n/mod.rs` as
//! `i18n::t`.
//!
//! - The English catalog (`en.ftl`) is the reference: every other catalog must have exactly
//!   its messages, and may use only the variables that English's message uses (the function's
//!   parameters, which the code must give). Either mistake fails the build, naming the file
//!   and the message.
//! - A variable used as a selector (`{ $n -> [one] … *[other] … }`) or as `NUMBER($n)` in any
//!   language is a number (the parameter takes any count); the others are text (anything
//!   that displays).
//! - Terms (`-post-it = …`) and message references are copied in where they are used, so a
//!   message without variables is a `&'static str`; a term may itself select on nothing but
//!   what the message gives.
//! - Each catalog names itself: `language-name` (in its own language) and
//!   `language-direction` (`ltr` or `rtl`); `-number-decimal` optionally gives its decimal
//!   separator (default `.`).
//!
//! No Fluent runtime goes into the WebAssembly: a message costs its text and a few
//! instructions (the `fluent-bundle` runtime cost 57.8 KB brotli in the main module).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use fluent_syntax::ast;

/// The reference catalog: every other must match its messages.
const REFERENCE: &str = "en";

/// The code of the right-to-left pseudo-language the tests use (Android's name for one).
const PSEUDO_RTL: &str = "ar-XB";

/// Reads every catalog and writes `$OUT_DIR/messages.rs`, or fails the build naming each mistake.
pub fn compile() {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let locales = manifest_dir.join("locales");
    println!("cargo::rerun-if-changed={}", locales.display());
    match compile_dir(&locales) {
        Ok(code) => {
            let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("messages.rs");
            std::fs::write(out, code).expect("OUT_DIR is writable");
        }
        Err(errors) => {
            for error in &errors {
                println!("cargo::error={error}");
            }
            std::process::exit(1);
        }
    }
}

/// The Rust code of the catalogs in `locales` (`<code>.ftl` each), or every mistake found.
pub fn compile_dir(locales: &Path) -> Result<String, Vec<String>> {
    let mut catalogs = Vec::new();
    let entries = std::fs::read_dir(locales).map_err(|e| vec![format!("{}: {e}", locales.display())])?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("ftl") {
            continue;
        }
        println!("cargo::rerun-if-changed={}", path.display());
        let code = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        catalogs.push(Catalog::read(&code, &path));
    }
    catalogs.sort_by(|a, b| (a.code != REFERENCE, &a.code).cmp(&(b.code != REFERENCE, &b.code)));
    generate(&catalogs)
}

/// A piece of a message, with terms and message references already copied in.
#[derive(Clone, Debug)]
enum Piece {
    Text(String),
    Var(String),
    Select { var: String, variants: Vec<(Key, Vec<Piece>)>, default: usize },
}

#[derive(Clone, Debug)]
enum Key {
    Category(String),
    Number(String),
}

struct Catalog {
    code: String,
    file: String,
    /// Message id → its pieces, in the file's order.
    messages: Vec<(String, Vec<Piece>)>,
    /// Numeric variables (selectors, `NUMBER()`), per message.
    numeric: BTreeMap<String, BTreeSet<String>>,
    /// Its decimal separator (`-number-decimal`, else `.`).
    decimal: String,
    errors: Vec<String>,
}

impl Catalog {
    fn read(code: &str, path: &Path) -> Catalog {
        let file = format!("locales/{}", path.file_name().and_then(|f| f.to_str()).unwrap_or_default());
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{file}: {e}"));
        let mut catalog = Catalog {
            code: code.to_string(),
            file: file.clone(),
            messages: Vec::new(),
            numeric: BTreeMap::new(),
            decimal: ".".into(),
            errors: Vec::new(),
        };
        let resource = match fluent_syntax::parser::parse(text.as_str()) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                for e in errors {
                    let line = text[..e.pos.start.min(text.len())].lines().count().max(1);
                    catalog.errors.push(format!("{file}:{line}: {:?}", e.kind));
                }
                resource
            }
        };
        let mut terms = BTreeMap::new();
        let mut messages = BTreeMap::new();
        let mut order = Vec::new();
        for entry in &resource.body {
            match entry {
                ast::Entry::Message(m) => {
                    if !m.attributes.is_empty() {
                        catalog
                            .errors
                            .push(format!("{file}: message {} has attributes, which the app does not use", m.id.name));
                    }
                    match &m.value {
                        Some(value) => {
                            if messages.insert(m.id.name, value).is_some() {
                                catalog.errors.push(format!("{file}: message {} is defined twice", m.id.name));
                            }
                            order.push(m.id.name);
                        }
                        None => catalog.errors.push(format!("{file}: message {} has no text", m.id.name)),
                    }
                }
                ast::Entry::Term(t) => {
                    if t.id.name == "number-decimal" {
                        catalog.decimal = t
                            .value
                            .elements
                            .iter()
                            .map(|e| if let ast::PatternElement::TextElement { value } = e { *value } else { "" })
                            .collect();
                    }
                    terms.insert(t.id.name, &t.value);
                }
                ast::Entry::Junk { content } => {
                    catalog.errors.push(format!("{file}: cannot read {:?}", content.lines().next().unwrap_or_default()))
                }
                _ => {}
            }
        }
        let resolver = Resolver { file: &file, terms: &terms, messages: &messages };
        for id in order {
            let mut numeric = BTreeSet::new();
            let mut errors = Vec::new();
            let pieces = resolver.pattern(messages[id], &mut numeric, &mut errors, 0);
            catalog.errors.extend(errors.into_iter().map(|e| format!("{file}: message {id}: {e}")));
            catalog.numeric.insert(id.to_string(), numeric);
            catalog.messages.push((id.to_string(), pieces));
        }
        catalog
    }

    fn message(&self, id: &str) -> Option<&[Piece]> {
        self.messages.iter().find(|(m, _)| m == id).map(|(_, p)| p.as_slice())
    }

    /// The text of a message without variables (the language's name and direction).
    fn plain(&self, id: &str) -> Option<String> {
        let pieces = self.message(id)?;
        pieces.iter().map(|p| if let Piece::Text(t) = p { Some(t.as_str()) } else { None }).collect()
    }
}

struct Resolver<'a, 's> {
    file: &'a str,
    terms: &'a BTreeMap<&'s str, &'a ast::Pattern<&'s str>>,
    messages: &'a BTreeMap<&'s str, &'a ast::Pattern<&'s str>>,
}

impl<'s> Resolver<'_, 's> {
    fn pattern(
        &self,
        pattern: &ast::Pattern<&'s str>,
        numeric: &mut BTreeSet<String>,
        errors: &mut Vec<String>,
        depth: u32,
    ) -> Vec<Piece> {
        let mut pieces = Vec::new();
        for element in &pattern.elements {
            match element {
                ast::PatternElement::TextElement { value } => push_text(&mut pieces, value),
                ast::PatternElement::Placeable { expression } => {
                    pieces.extend(self.expression(expression, numeric, errors, depth));
                }
            }
        }
        pieces
    }

    fn expression(
        &self,
        expression: &ast::Expression<&'s str>,
        numeric: &mut BTreeSet<String>,
        errors: &mut Vec<String>,
        depth: u32,
    ) -> Vec<Piece> {
        match expression {
            ast::Expression::Inline(inline) => self.inline(inline, numeric, errors, depth),
            ast::Expression::Select { selector, variants } => {
                let var = match selector {
                    ast::InlineExpression::VariableReference { id } => id.name.to_string(),
                    ast::InlineExpression::FunctionReference { id, arguments } if id.name == "NUMBER" => {
                        match arguments.positional.first() {
                            Some(ast::InlineExpression::VariableReference { id }) => id.name.to_string(),
                            _ => {
                                errors.push("NUMBER() takes one variable".into());
                                return Vec::new();
                            }
                        }
                    }
                    _ => {
                        errors.push(
                            "a selector must be a variable (a number: plural categories or exact numbers)".into(),
                        );
                        return Vec::new();
                    }
                };
                numeric.insert(var.clone());
                let mut default = 0;
                let mut out = Vec::new();
                for (i, variant) in variants.iter().enumerate() {
                    let key = match &variant.key {
                        ast::VariantKey::Identifier { name } => {
                            if !["zero", "one", "two", "few", "many", "other"].contains(name) {
                                errors.push(format!(
                                    "[{name}] is not a plural category (zero, one, two, few, many, other)"
                                ));
                            }
                            Key::Category(name.to_string())
                        }
                        ast::VariantKey::NumberLiteral { value } => Key::Number(value.to_string()),
                    };
                    if variant.default {
                        default = i;
                    }
                    out.push((key, self.pattern(&variant.value, numeric, errors, depth)));
                }
                vec![Piece::Select { var, variants: out, default }]
            }
        }
    }

    fn inline(
        &self,
        inline: &ast::InlineExpression<&'s str>,
        numeric: &mut BTreeSet<String>,
        errors: &mut Vec<String>,
        depth: u32,
    ) -> Vec<Piece> {
        if depth > 8 {
            errors.push("references go round in a circle".into());
            return Vec::new();
        }
        match inline {
            ast::InlineExpression::StringLiteral { value } => vec![Piece::Text(unescape(value))],
            ast::InlineExpression::NumberLiteral { value } => vec![Piece::Text(value.to_string())],
            ast::InlineExpression::VariableReference { id } => vec![Piece::Var(id.name.to_string())],
            ast::InlineExpression::FunctionReference { id, arguments } if id.name == "NUMBER" => {
                match arguments.positional.first() {
                    Some(ast::InlineExpression::VariableReference { id }) => {
                        numeric.insert(id.name.to_string());
                        vec![Piece::Var(id.name.to_string())]
                    }
                    _ => {
                        errors.push("NUMBER() takes one variable".into());
                        Vec::new()
                    }
                }
            }
            ast::InlineExpression::FunctionReference { id, .. } => {
                errors.push(format!("{}() is not a function the app knows (only NUMBER)", id.name));
                Vec::new()
            }
            ast::InlineExpression::TermReference { id, attribute, arguments } => {
                if attribute.is_some() || arguments.is_some() {
                    errors.push(format!("-{}: terms take no attributes or arguments here", id.name));
                }
                match self.terms.get(id.name) {
                    Some(pattern) => self.pattern(pattern, numeric, errors, depth + 1),
                    None => {
                        errors.push(format!("no term -{} in {}", id.name, self.file));
                        Vec::new()
                    }
                }
            }
            ast::InlineExpression::MessageReference { id, attribute } => {
                if attribute.is_some() {
                    errors.push(format!("{}: message attributes are not used", id.name));
                }
                match self.messages.get(id.name) {
                    Some(pattern) => self.pattern(pattern, numeric, errors, depth + 1),
                    None => {
                        errors.push(format!("no message {} in {}", id.name, self.file));
                        Vec::new()
                    }
                }
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression, numeric, errors, depth),
        }
    }
}

/// Fluent's string-literal escapes: `\"`, `\\`, `\uXXXX`, `\UXXXXXX`.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(u @ ('u' | 'U')) => {
                let len = if u == 'u' { 4 } else { 6 };
                let hex: String = chars.by_ref().take(len).collect();
                out.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

fn push_text(pieces: &mut Vec<Piece>, text: &str) {
    if let Some(Piece::Text(last)) = pieces.last_mut() {
        last.push_str(text);
    } else {
        pieces.push(Piece::Text(text.to_string()));
    }
}

/// Adjacent texts merged (a term or literal between two texts).
fn merged(pieces: &[Piece]) -> Vec<Piece> {
    let mut out = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => push_text(&mut out, t),
            Piece::Select { var, variants, default } => out.push(Piece::Select {
                var: var.clone(),
                variants: variants.iter().map(|(k, p)| (k.clone(), merged(p))).collect(),
                default: *default,
            }),
            other => out.push(other.clone()),
        }
    }
    out
}

fn vars(pieces: &[Piece], into: &mut Vec<String>) {
    for piece in pieces {
        match piece {
            Piece::Text(_) => {}
            Piece::Var(v) => {
                if !into.contains(v) {
                    into.push(v.clone());
                }
            }
            Piece::Select { var, variants, .. } => {
                if !into.contains(var) {
                    into.push(var.clone());
                }
                for (_, p) in variants {
                    vars(p, into);
                }
            }
        }
    }
}

fn rust_name(id: &str) -> String {
    let name = id.replace('-', "_");
    if matches!(
        name.as_str(),
        "type" | "match" | "move" | "ref" | "self" | "use" | "loop" | "in" | "as" | "mod" | "fn" | "let"
    ) {
        format!("r#{name}")
    } else {
        name
    }
}

fn generate(catalogs: &[Catalog]) -> Result<String, Vec<String>> {
    let mut errors: Vec<String> = catalogs.iter().flat_map(|c| c.errors.iter().cloned()).collect();
    let Some(reference) = catalogs.first().filter(|c| c.code == REFERENCE) else {
        return Err(vec![format!("app/locales/{REFERENCE}.ftl is missing: it is the reference catalog")]);
    };
    let mut languages = Vec::new();
    for catalog in catalogs {
        let name = catalog.plain("language-name");
        let direction = catalog.plain("language-direction");
        match (&name, direction.as_deref()) {
            (Some(_), Some("ltr" | "rtl")) => {}
            _ => errors.push(format!(
                "{}: needs `language-name = <its name in its own language>` and `language-direction = ltr` (or rtl)",
                catalog.file
            )),
        }
        let decimal = catalog.decimal.clone();
        languages.push((
            catalog.code.clone(),
            name.unwrap_or_default(),
            direction.as_deref() == Some("rtl"),
            decimal,
            false,
        ));
        for (id, _) in &catalog.messages {
            if reference.message(id).is_none() {
                errors.push(format!(
                    "{}: message {id} is not in {} (the reference): remove it or add it there",
                    catalog.file, reference.file
                ));
            }
        }
        for (id, _) in &reference.messages {
            if catalog.message(id).is_none() {
                let error = format!("{}: message {id} is missing (it is in {})", catalog.file, reference.file);
                if lenient() {
                    println!("cargo::warning={error} (English meanwhile: DS_I18N_LENIENT is set)");
                } else {
                    errors.push(error);
                }
            }
        }
    }
    // The right-to-left pseudo-language for tests: English words, laid out right to left.
    // Never offered (not in the switch, never chosen from `Accept-Language`); `?lang=ar-XB`
    // opens it. Its messages are English's (the `_` arm of every message).
    languages.push((PSEUDO_RTL.into(), "English (right to left, for tests)".into(), true, ".".into(), true));
    let mut out = String::from("// Generated by app/build.rs from app/locales/*.ftl: edit those, not this.\n\n");
    let _ = writeln!(out, "/// The languages, the reference (English) first.");
    let _ = writeln!(out, "pub const LANGUAGES: [Language; {}] = [", languages.len());
    for (code, name, rtl, decimal, pseudo) in &languages {
        let _ = writeln!(
            out,
            "    Language {{ code: {code:?}, name: {name:?}, rtl: {rtl}, decimal: {decimal:?}, pseudo: {pseudo} }},"
        );
    }
    let _ = writeln!(out, "];\n\nimpl Lang {{");
    for (i, (code, name, _, _, _)) in languages.iter().enumerate() {
        let _ = writeln!(
            out,
            "    /// {name}.\n    pub const {}: Lang = Lang({i});",
            code.to_uppercase().replace('-', "_")
        );
    }
    out.push_str("}\n\n/// One function per message.\npub mod t {\n    #![allow(unused_mut, unused_variables, clippy::all)]\n    use super::{Count, Lang};\n\n");
    for (id, reference_pieces) in &reference.messages {
        let mut params = Vec::new();
        vars(reference_pieces, &mut params);
        let numeric: BTreeSet<String> = catalogs.iter().filter_map(|c| c.numeric.get(id)).flatten().cloned().collect();
        for catalog in &catalogs[1..] {
            let mut used = Vec::new();
            vars(catalog.message(id).unwrap_or_default(), &mut used);
            for var in used {
                if !params.contains(&var) {
                    errors.push(format!(
                        "{}: message {id} uses ${var}, which the code does not give (the English message has {})",
                        catalog.file,
                        if params.is_empty() {
                            "none".to_string()
                        } else {
                            params.iter().map(|p| format!("${p}")).collect::<Vec<_>>().join(", ")
                        }
                    ));
                }
            }
        }
        let texts: Vec<Option<String>> = catalogs
            .iter()
            .map(|c| {
                c.message(id)
                    .or(Some(reference_pieces.as_slice()))
                    .and_then(|p| if let [Piece::Text(t)] = merged(p).as_slice() { Some(t.clone()) } else { None })
            })
            .collect();
        let english = reference.plain(id).unwrap_or_else(|| id.to_string());
        let _ = writeln!(out, "    /// {:?}", english.lines().next().unwrap_or_default());
        if params.is_empty() && texts.iter().all(Option::is_some) {
            let _ = writeln!(out, "    pub fn {}(l: Lang) -> &'static str {{\n        match l.0 {{", rust_name(id));
            for (i, text) in texts.iter().enumerate().skip(1) {
                let _ = writeln!(out, "            {i} => {:?},", text.as_deref().unwrap_or_default());
            }
            let _ =
                writeln!(out, "            _ => {:?},\n        }}\n    }}\n", texts[0].as_deref().unwrap_or_default());
            continue;
        }
        let signature: Vec<String> = params
            .iter()
            .map(|p| {
                if numeric.contains(p) {
                    format!("{}: impl Count", rust_name(p))
                } else {
                    format!("{}: impl ::std::fmt::Display", rust_name(p))
                }
            })
            .collect();
        let _ = writeln!(out, "    pub fn {}(l: Lang, {}) -> String {{", rust_name(id), signature.join(", "));
        for p in params.iter().filter(|p| numeric.contains(*p)) {
            let _ = writeln!(out, "        let {0} = {0}.count();", rust_name(p));
        }
        out.push_str("        let mut s = String::new();\n        match l.0 {\n");
        for (i, catalog) in catalogs.iter().enumerate().skip(1) {
            let _ = writeln!(out, "            {i} => {{");
            emit(&mut out, &merged(catalog.message(id).unwrap_or(reference_pieces)), &numeric, 4);
            out.push_str("            }\n");
        }
        out.push_str("            _ => {\n");
        emit(&mut out, &merged(reference_pieces), &numeric, 4);
        out.push_str("            }\n        }\n        s\n    }\n\n");
    }
    out.push_str("}\n");
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

/// `DS_I18N_LENIENT=1`: a message missing in a translation is a warning, and shows in English
/// (for a developer's build while a screen is being translated; CI builds are strict).
fn lenient() -> bool {
    println!("cargo::rerun-if-env-changed=DS_I18N_LENIENT");
    std::env::var("DS_I18N_LENIENT").is_ok_and(|v| v == "1")
}

fn emit(out: &mut String, pieces: &[Piece], numeric: &BTreeSet<String>, indent: usize) {
    let pad = "    ".repeat(indent);
    for piece in pieces {
        match piece {
            Piece::Text(t) => {
                let _ = writeln!(out, "{pad}s.push_str({t:?});");
            }
            Piece::Var(v) if numeric.contains(v) => {
                let _ = writeln!(out, "{pad}super::push_number(&mut s, l, {});", rust_name(v));
            }
            Piece::Var(v) => {
                let _ = writeln!(
                    out,
                    "{pad}{{ use ::std::fmt::Write as _; let _ = write!(s, \"{{}}\", {}); }}",
                    rust_name(v)
                );
            }
            Piece::Select { var, variants, default } => {
                let var = rust_name(var);
                let _ = writeln!(out, "{pad}let category = super::plural(l, {var});");
                let mut first = true;
                let mut ordered: Vec<usize> =
                    (0..variants.len()).filter(|i| matches!(variants[*i].0, Key::Number(_))).collect();
                ordered
                    .extend((0..variants.len()).filter(|i| matches!(variants[*i].0, Key::Category(_)) && i != default));
                for i in ordered {
                    let condition = match &variants[i].0 {
                        Key::Number(n) => format!("{var} == {n}_f64"),
                        Key::Category(c) => format!("category == super::Plural::{}", capitalised(c)),
                    };
                    let _ = writeln!(out, "{pad}{}if {condition} {{", if first { "" } else { "} else " });
                    first = false;
                    emit(out, &variants[i].1, numeric, indent + 1);
                }
                if first {
                    emit(out, &variants[*default].1, numeric, indent);
                } else {
                    let _ = writeln!(out, "{pad}}} else {{");
                    emit(out, &variants[*default].1, numeric, indent + 1);
                    let _ = writeln!(out, "{pad}}}");
                }
            }
        }
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
