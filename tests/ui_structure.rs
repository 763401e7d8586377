//! The front end's shape, checked on every `cargo test` (the ui is compiled only for wasm, so this
//! reads its source): folders that mirror what loads when, no import circle between ui files, the
//! reader and the maker meeting only through `shared`, and no HTML parser fed from Rust.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `src/ui`, keyed by its module path (`ui::reader::state`).
fn ui_modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&root.join("ui"), &mut files);
    files
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(&root).unwrap().with_extension("");
            let mut parts: Vec<String> = relative.iter().map(|part| part.to_string_lossy().into_owned()).collect();
            if parts.last().is_some_and(|last| last == "mod") {
                parts.pop();
            }
            (parts.join("::"), std::fs::read_to_string(&path).unwrap())
        })
        .collect()
}

/// The source without comments (a doc comment may name another module without importing it).
fn code_of(source: &str) -> String {
    source.lines().map(|line| line.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n")
}

/// The ui modules a module refers to: `super::x`, `crate::ui::x::y`, and in a folder's `mod.rs`,
/// `use child::…` of its own child modules. Each path is resolved to the longest known module.
fn references(module: &str, source: &str, modules: &BTreeMap<String, String>) -> BTreeSet<String> {
    let code = code_of(source);
    let is_folder = modules.keys().any(|other| other.starts_with(&format!("{module}::")));
    let own: Vec<&str> = module.split("::").collect();
    let mut found = BTreeSet::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    while at < code.len() {
        let rest = &code[at..];
        let word_start = at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_' || bytes[at - 1] == b':');
        let path_len = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':')).unwrap_or(rest.len());
        if !word_start || path_len == 0 {
            at += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let path: Vec<&str> = rest[..path_len].split("::").filter(|part| !part.is_empty()).collect();
        at += path_len;
        let absolute: Vec<String> = match path.first().copied() {
            Some("crate") if path.get(1) == Some(&"ui") => path[1..].iter().map(|s| s.to_string()).collect(),
            // `super` is the parent module, whether this one is a file or a folder's mod.rs.
            Some("super") => own[..own.len() - 1].iter().chain(&path[1..]).map(|s| s.to_string()).collect(),
            Some(first) if is_folder && modules.contains_key(&format!("{module}::{first}")) && path.len() > 1 => {
                own.iter().map(|s| s.to_string()).chain(path.iter().map(|s| s.to_string())).collect()
            }
            _ => continue,
        };
        // The longest prefix that is a module file.
        for len in (1..=absolute.len()).rev() {
            let candidate = absolute[..len].join("::");
            if modules.contains_key(&candidate) {
                if candidate != module {
                    found.insert(candidate);
                }
                break;
            }
        }
    }
    found
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = ui_modules();
    modules.iter().map(|(module, source)| (module.clone(), references(module, source, &modules))).collect()
}

#[test]
fn the_ui_is_in_folders_by_module() {
    let modules = ui_modules();
    for folder in ["ui::reader", "ui::maker", "ui::shared"] {
        assert!(modules.contains_key(folder), "{folder} is missing");
        let comment = modules[folder].lines().next().unwrap_or_default();
        assert!(comment.starts_with("//!"), "{folder}/mod.rs starts with a module comment saying what loads when");
    }
    for module in modules.keys().filter(|module| *module != "ui") {
        let folder = module.split("::").nth(1).unwrap_or_default();
        assert!(["reader", "maker", "shared"].contains(&folder), "{module} is outside reader/, maker/ and shared/");
    }
    assert!(modules.contains_key("ui::reader::state"), "the reader's state has a module of its own");
    assert!(modules.contains_key("ui::maker::state"), "the maker's state has a module of its own");
}

#[test]
fn no_ui_file_is_in_an_import_circle() {
    let graph = graph();
    // Depth-first search for a back edge; the circle is named when found.
    fn visit(node: &str, graph: &BTreeMap<String, BTreeSet<String>>, stack: &mut Vec<String>, done: &mut BTreeSet<String>) {
        if done.contains(node) {
            return;
        }
        if let Some(position) = stack.iter().position(|entry| entry == node) {
            let mut circle = stack[position..].to_vec();
            circle.push(node.to_string());
            panic!("import circle: {}", circle.join(" → "));
        }
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            visit(next, graph, stack, done);
        }
        stack.pop();
        done.insert(node.to_string());
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        visit(node, &graph, &mut Vec::new(), &mut done);
    }
}

#[test]
fn the_reader_and_the_maker_meet_only_through_shared() {
    let graph = graph();
    let folder = |module: &str| module.split("::").nth(1).unwrap_or_default().to_string();
    for (module, refs) in &graph {
        for target in refs {
            let (from, to) = (folder(module), folder(target));
            let allowed = from == to || to == "shared" || module == "ui";
            assert!(allowed, "{module} imports {target}: {from}/ may use only its own folder and shared/");
        }
    }
}

#[test]
fn the_checker_sees_imports_and_circles() {
    // The checks above only mean something if `references` finds the imports written these ways.
    let mut modules = BTreeMap::new();
    modules.insert("ui::reader".to_string(), "mod state;\nuse state::Lens;\n".to_string());
    modules.insert("ui::reader::state".to_string(), "use crate::ui::shared::browser::now;\nfn f() { super::App(); }\n".to_string());
    modules.insert("ui::shared::browser".to_string(), "// use crate::ui::reader::state;\n".to_string());
    let refs = |module: &str| references(module, &modules[module], &modules);
    assert_eq!(refs("ui::reader"), BTreeSet::from(["ui::reader::state".to_string()]));
    assert_eq!(refs("ui::reader::state"), BTreeSet::from(["ui::shared::browser".to_string(), "ui::reader".to_string()]));
    assert!(refs("ui::shared::browser").is_empty(), "a comment is not an import");
}

#[test]
fn no_html_parser_is_fed_from_rust() {
    // Token, key and pasted text is attacker-controlled: the ui builds the DOM from views and text
    // nodes only. `inner_html` (and its DOM twins) would hand a string to the HTML parser.
    for (module, source) in ui_modules() {
        let code = code_of(&source);
        for sink in ["inner_html", "set_inner_html", "outer_html", "insert_adjacent_html", "document_write"] {
            assert!(!code.contains(sink), "{module} uses {sink}: build the view from Leptos views or text nodes");
        }
    }
}
